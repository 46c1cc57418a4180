// Vite's `?inline` CSS import: the stylesheet as a string (we feed it to a constructed sheet).
declare module '*.css?inline' {
  const css: string;
  export default css;
}
