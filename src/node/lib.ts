// What the corpus and benchmark scripts import from the built bundle.
export { extractText, type CliRecord } from './extract-text';
export { readInput, decode, InputError } from './read-input';
