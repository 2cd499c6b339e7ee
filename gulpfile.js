// tsc compiles the TypeScript; n8n also needs the icons (one copy each, in icons/, which nodes and
// credentials point at with relative paths) and each node's codex file beside the compiled node.
const { src, dest, parallel } = require('gulp');

function copyIcons() {
	return src('icons/*.{png,svg}', { encoding: false }).pipe(dest('dist/icons'));
}

function copyCodexFiles() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

exports['build:assets'] = parallel(copyIcons, copyCodexFiles);
