'use strict';
// A fingerprint of what the emulator accepted in one run, so the bench can show that both
// workflows sent the same orders (only the run's tag in the reference ids differs).
const crypto = require('node:crypto');

function canonical(value) {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		return `{${Object.keys(value)
			.sort()
			.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
			.join(',')}}`;
	}
	return JSON.stringify(value);
}

/** sha256 over the accepted messages' recipient and content, reference ids without the run tag. */
function fingerprint(messages, runTag) {
	const lines = messages
		.map((message) => canonical({ to: message.to, content: message.content }).split(`B-${runTag}-`).join('B-<run>-'))
		.sort();
	return crypto.createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
}

module.exports = { fingerprint, canonical };
