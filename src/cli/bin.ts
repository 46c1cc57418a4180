import { main } from './proxied-news';

process.exitCode = main(process.argv.slice(2));
