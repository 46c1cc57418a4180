// scripts/dynamic-url.ts: the guard that keeps its import rewrite sound (a destructured import is a snapshot, so an
// export reassigned by code that runs later must fail the build), and the reader of both import forms that the
// size budget walks. The rewrite itself runs in every Chrome build (size-budget.test.ts, fingerprint.test.ts).
import { parseAst } from 'vite';
import { describe, expect, it } from 'vitest';
import { chunkImports, reassignedLater } from '../../scripts/dynamic-url';

const later = (code: string) => [...reassignedLater(parseAst(code) as unknown as Parameters<typeof reassignedLater>[0])].sort();

describe('reassignedLater: top-level names assigned by code that runs after the module body', () => {
  it.each([
    ['a function', 'var a=1;function f(){a=2}export{a,f}', ['a']],
    ['an arrow, ++', 'let a=0;const f=()=>a++;export{a,f}', ['a']],
    ['a destructuring assignment', 'var a,b;function f(){[a,{x:b}]=[1,{x:2}]}export{a,b,f}', ['a', 'b']],
    ['a for-of target', 'var a;function f(l){for(a of l);}export{a,f}', ['a']],
    ['a class field', 'var a;class C{x=(a=1)}export{a,C}', ['a']],
    ['a method', 'var a;const o={m(){a=1}};export{a,o}', ['a']],
  ])('%s: found', (_, code, names) => {
    expect(later(code)).toEqual(names);
  });

  it.each([
    ['the module body itself', 'var a;a=1;a++;export{a}'],
    ['a parameter of the same name', 'var a;function f(a){a=2}export{a,f}'],
    ['a var of the function (hoisted)', 'var a;function f(){a=1;var a}export{a,f}'],
    ['a let in a block', 'let a;const f=()=>{{let a;a=1}};export{a,f}'],
    ['a catch parameter', 'var e;function f(){try{}catch(e){e=1}}export{e,f}'],
    ['a for-let', 'var i;function f(){for(let i=0;i<2;i++);}export{i,f}'],
    ['a member, not the binding', 'var a={};function f(){a.x=1}export{a,f}'],
  ])('%s: not found', (_, code) => {
    expect(later(code)).toEqual([]);
  });
});

describe('chunkImports: both forms', () => {
  it('relative imports of a chunk as Vite writes it', () => {
    const code = 'import{a as b}from"./x.js";import"./y.js";const f=()=>import(`./z.js`);export{b,f}';
    expect(chunkImports('assets/m.js', code)).toEqual({ static: ['assets/x.js', 'assets/y.js'], dynamic: ['assets/z.js'] });
  });

  it('the rewritten form: top-level awaits are static, the rest dynamic', () => {
    const code = [
      'const{"a":b}=await import(chrome.runtime.getURL("assets/content/x.js"));',
      'await import(chrome.runtime.getURL("assets/y.js"));',
      'const f=async()=>{const{"c":d}=await import(chrome.runtime.getURL("assets/z.js"));return d};export{b,f}',
    ].join('');
    expect(chunkImports('assets/m.js', code)).toEqual({ static: ['assets/content/x.js', 'assets/y.js'], dynamic: ['assets/z.js'] });
  });

  it('the rewritten form in one round: an awaited Promise.all is static, an import() site dynamic', () => {
    const code = [
      'const[{"a":b},n]=await Promise.all([import(chrome.runtime.getURL("assets/content/x.js")),',
      'import(chrome.runtime.getURL("assets/y.js")),import(chrome.runtime.getURL("assets/w.js"))]);',
      'const f=()=>(__pnrAhead(["assets/v.js"]),import(chrome.runtime.getURL("assets/z.js")));',
      'export{b,n,f};',
      'function __pnrAhead(l){for(const u of l)import(chrome.runtime.getURL(u)).catch(()=>{})}',
    ].join('');
    expect(chunkImports('assets/m.js', code)).toEqual({
      static: ['assets/content/x.js', 'assets/y.js', 'assets/w.js'],
      dynamic: ['assets/z.js'],
    });
  });
});
