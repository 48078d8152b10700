// The search box of the web edition (issue 23): Pagefind's own interface over the static index the build makes
// in out/pagefind/, loaded from there (no other host). Without JavaScript the box says search needs it.
import { SEARCH_FOLDER, relativeLink } from '../model/layout.js';
import { escapeXml } from './xml.js';
import { wordsLang } from './words.js';
import type { Messages } from '../messages/messages.js';
import type { MessageId } from '../messages/ids.js';

const INIT = `addEventListener("DOMContentLoaded",function(){if(!window.PagefindUI)return;var base=new URL(BUNDLE,location.href).href;`
  + `var lang=document.documentElement.lang.toLowerCase();fetch(base+"pagefind-entry.json").then(function(r){return r.json()}).then(function(e){`
  + `var others=Object.keys(e.languages).filter(function(l){return l!==lang&&l!==lang.split("-")[0]});`
  + `new PagefindUI({element:"#search",bundlePath:base,showSubResults:false,showImages:false,`
  + `mergeIndex:others.map(function(l){return{bundlePath:base,language:l}})});`
  // Pagefind's field has a placeholder and no label: it takes the box's visible one.
  + `var field=document.querySelector("#search input");if(field)field.setAttribute("aria-labelledby","search-label")})})`;

/** The stylesheet and script of the search box, for the page's head; `path` is the page's under out/. */
export function searchHead(path: string): string[] {
  const file = (name: string) => escapeXml(relativeLink(path, `${SEARCH_FOLDER}/${name}`));
  return [
    `<link rel="stylesheet" href="${file('pagefind-ui.css')}">`,
    `<script src="${file('pagefind-ui.js')}" defer></script>`,
    // Pagefind searches the index of the page's language; an archive in many languages is one search, so every
    // other language's index is merged in (the bundle lists them). Its interface speaks the page's language.
    `<script>${INIT.replace('BUNDLE', JSON.stringify(relativeLink(path, `${SEARCH_FOLDER}/`)))}</script>`,
  ];
}

/** The box itself, under the site's name, in the words of the page's language. */
export function searchBox(words: Messages, pageLanguage: string): string {
  const lang = (id: MessageId) => wordsLang(words, id, pageLanguage);
  return `<div class="search" role="search" data-pagefind-ignore><p class="search-label" id="search-label"${lang('site.search')}>${escapeXml(words.text('site.search'))}</p>`
    + `<div id="search"><noscript><p${lang('site.searchNoScript')}>${escapeXml(words.text('site.searchNoScript'))}</p></noscript></div></div>`;
}
