import neostandard from 'neostandard'

export default [
  ...neostandard({ ts: true, ignores: ['dist/**', 'coverage/**', '.tap/**', 'node_modules/**', 'types/**'] }),
  // console/ is plain browser JavaScript: the browser globals it uses (ECharts is read from globalThis)
  {
    files: ['console/**/*.js'],
    languageOptions: {
      globals: Object.fromEntries(['document', 'location', 'history', 'navigator', 'sessionStorage', 'fetch', 'URL', 'URLSearchParams', 'ResizeObserver']
        .map(name => [name, 'readonly']))
    }
  }
]
