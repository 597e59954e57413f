// ESLint (flat config) for the site's JavaScript and its Node unit tests: `npx eslint`, run by
// scripts/test.py. The page scripts are ES modules in the browser (one folder each: concept-map/,
// concept-cards/, a11y/; diagrams.js), except quick-reference.js, still a classic script;
// tests/js/ runs in Node.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: [".venv/**", "site/**", "node_modules/**", "docs/assets/vendor/**", "vendor/**"] },
  js.configs.recommended,
  {
    files: ["docs/assets/javascripts/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "script", globals: { ...globals.browser } },
  },
  {
    files: ["docs/assets/javascripts/*/**/*.js", "docs/assets/javascripts/diagrams.js",
      "docs/assets/javascripts/search-rank.js", "docs/assets/javascripts/search-suggest.js",
      "docs/assets/javascripts/search-near.js",
      "docs/assets/javascripts/quick-reference.js", "docs/assets/javascripts/quick-filter.js"],
    languageOptions: { sourceType: "module" },
  },
  {
    files: ["tests/js/**/*.js", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
  },
  {
    files: ["docs/assets/javascripts/**/*.js", "tests/js/**/*.js"],
    rules: {
      // small functions: no function longer than this (blank lines and comments not counted)
      "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true, IIFEs: false }],
      "no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "no-var": "error",
      "prefer-const": "error",
      "eqeqeq": ["error", "always"],
      "no-implicit-globals": "error",
    },
  },
  {
    // the classic page scripts (one IIFE each) are not yet converted: var is theirs
    files: ["docs/assets/javascripts/*.js"],
    rules: { "no-var": "off", "prefer-const": "off" },
  },
];
