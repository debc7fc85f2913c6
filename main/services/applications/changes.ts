/**
 * A tiny change signal shared by the applications and subscriptions services: the
 * gateway host listens to it and redeploys, as it does when the workspace changes.
 */
export class ChangeSignal {
  private readonly listeners = new Set<() => void>();

  on(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
