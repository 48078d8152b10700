// Stands in for node-fetch in the snapshot bundle: Galley hands epub-gen-memory no URLs to fetch.
module.exports = function fetch() {
  throw new Error('galley: epub-gen-memory tried to fetch a URL; Galley passes every resource in memory');
};
module.exports.default = module.exports;
