// n8n loads the nodes and credentials listed under "n8n" in package.json; this package has no
// JavaScript entry point of its own.
module.exports = {};
