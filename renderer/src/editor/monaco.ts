/**
 * Monaco, assembled from parts: the editor API, the editing features a definition
 * editor needs, and only the languages definitions come in (JSON with its worker,
 * YAML, GraphQL, XML). Importing `monaco-editor` whole would pull in ~80 languages
 * and the TypeScript, CSS and HTML workers.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';

// The package maps subpaths to `.js` files, so CSS comes in through its feature modules.
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/editor/browser/coreCommands';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/editor/contrib/caretOperations/browser/caretOperations';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard';
import 'monaco-editor/editor/contrib/comment/browser/comment';
import 'monaco-editor/editor/contrib/contextmenu/browser/contextmenu';
import 'monaco-editor/editor/contrib/cursorUndo/browser/cursorUndo';
import 'monaco-editor/editor/contrib/find/browser/findController';
import 'monaco-editor/editor/contrib/folding/browser/folding';
import 'monaco-editor/editor/contrib/format/browser/formatActions';
import 'monaco-editor/editor/contrib/gotoError/browser/gotoError';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution';
import 'monaco-editor/editor/contrib/indentation/browser/indentation';
import 'monaco-editor/editor/contrib/linesOperations/browser/linesOperations';
import 'monaco-editor/editor/contrib/links/browser/links';
import 'monaco-editor/editor/contrib/multicursor/browser/multicursor';
import 'monaco-editor/editor/contrib/smartSelect/browser/smartSelect';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/contrib/wordHighlighter/browser/wordHighlighter';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations';
import 'monaco-editor/editor/standalone/browser/quickAccess/standaloneGotoLineQuickAccess';

import 'monaco-editor/language/json/monaco.contribution';
import 'monaco-editor/languages/definitions/yaml/register';
import 'monaco-editor/languages/definitions/graphql/register';
import 'monaco-editor/languages/definitions/xml/register';

// Vite emits each worker as its own file, which the CSP's `worker-src 'self'` allows.
self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

// Monaco's own dark theme is a neutral grey; match the studio's surfaces instead.
monaco.editor.defineTheme('portico-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [],
  colors: {
    'editor.background': '#1b1f26',
    'editorGutter.background': '#1b1f26',
    'editor.lineHighlightBackground': '#222730',
    'editor.lineHighlightBorder': '#00000000',
  },
});
monaco.editor.defineTheme('portico-light', {
  base: 'vs',
  inherit: true,
  rules: [],
  colors: {
    'editor.lineHighlightBackground': '#f4f5f7',
    'editor.lineHighlightBorder': '#00000000',
  },
});

export { monaco };
