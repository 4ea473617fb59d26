"""MkDocs plugin: questionnaires rendered at build time, run in the browser by the engine."""
