import { main } from './proxied-news';

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
