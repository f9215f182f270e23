// Finds the resources an HTML page would load from another host. Used by scripts/build.mjs (which refuses
// to publish such a page) and by the tests. CommonJS so that both ESM scripts and ts-jest (CJS) can load it.
//
// "Loaded resource" means something the browser fetches by itself while showing the page:
//   - src / srcset / poster on any element, data on <object>, href on <link>, <base> and SVG elements
//     (<use>, <image>), but NOT href on <a>/<area>: a link is only followed when clicked;
//   - url(...) and @import in <style> blocks and style="" attributes;
//   - import / export-from / import() specifiers in <script type="module"> blocks.
// Text is not a resource: server URLs inside the embedded OpenAPI document, or inside link targets, are fine.
// The scan is deliberately strict (any absolute URL other than data:/blob:/about: is external); what a
// script fetches at run time is the browser test's job.
'use strict';

const ENTITIES = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', colon: ':', sol: '/', period: '.' };

function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (match, name) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return ENTITIES[name.toLowerCase()] ?? match;
  });
}

/** True when `url` (as written in the page, entities allowed) would be fetched from somewhere else. */
function isExternalUrl(url) {
  const value = decodeEntities(url).trim();
  if (/^[\\/]{2}/.test(value)) return true; // protocol-relative ("//host/x"; browsers read "\\" as "/")
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value);
  return scheme !== null && !['data', 'blob', 'about'].includes(scheme[1].toLowerCase());
}

function cssUrls(css) {
  const urls = [];
  for (const m of css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*?))\s*\)/gi)) urls.push(m[1] ?? m[2] ?? m[3]);
  for (const m of css.matchAll(/@import\s+["']([^"']*)["']/gi)) urls.push(m[1]); // @import url(...) is caught above
  return urls;
}

function moduleSpecifiers(js) {
  const specs = [];
  for (const m of js.matchAll(/^\s*(?:import|export)(?=[\s{*])[^;'"]*?["']([^"']+)["']/gm)) specs.push(m[1]);
  for (const m of js.matchAll(/\bimport\s*\(\s*["'`]([^"'`]+)["'`]/g)) specs.push(m[1]);
  return specs;
}

function attributes(source) {
  const attrs = [];
  for (const m of source.matchAll(/([^\s"'=<>\/]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g)) {
    attrs.push([m[1].toLowerCase(), m[2] ?? m[3] ?? m[4]]);
  }
  return attrs;
}

/** Lists `{where, url}` for every resource of `html` that would be loaded from another host. */
function findExternalResources(html) {
  const candidates = []; // [where, url]
  let markup = html.replace(/<!--[\s\S]*?-->/g, '');

  // Take script and style bodies out first, so that text inside them is never read as markup.
  markup = markup.replace(/<(script|style)\b([^>]*)>([\s\S]*?)<\/\1\s*>/gi, (_, tag, attrs, body) => {
    if (tag.toLowerCase() === 'style') for (const url of cssUrls(body)) candidates.push(['<style>', url]);
    else if (/\btype\s*=\s*["']?module\b/i.test(attrs)) for (const s of moduleSpecifiers(body)) candidates.push(['module import', s]);
    return `<${tag}${attrs}>`;
  });

  for (const tag of markup.matchAll(/<([a-z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/gi)) {
    const name = tag[1].toLowerCase();
    for (const [attr, value] of attributes(tag[2])) {
      const where = `<${name} ${attr}>`;
      if (attr === 'style') for (const url of cssUrls(decodeEntities(value))) candidates.push([where, url]);
      else if (attr === 'srcset') for (const part of value.split(',')) candidates.push([where, part.trim().split(/\s+/)[0]]);
      else if (['src', 'poster', 'background'].includes(attr)) candidates.push([where, value]);
      else if (attr === 'data' && name === 'object') candidates.push([where, value]);
      else if ((attr === 'href' || attr === 'xlink:href') && name !== 'a' && name !== 'area') candidates.push([where, value]);
    }
  }
  return candidates.filter(([, url]) => url && isExternalUrl(url)).map(([where, url]) => ({ where, url }));
}

module.exports = { findExternalResources, isExternalUrl };
