/** Where services report what the user does not see directly (the host prints it). */
export type Logger = (level: 'info' | 'warn' | 'error', message: string) => void;
