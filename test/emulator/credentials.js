'use strict';
// Fixed credentials the emulator accepts. They are deliberately obvious placeholders, not secrets;
// override any of them with createEmulator({ config: { credentials: { exotel: { apiKey } } } }).
module.exports = {
	exotel: {
		apiKey: 'emulator-exotel-key',
		apiToken: 'emulator-exotel-token',
		accountSid: 'emulator-sid',
	},
	craftgate: {
		apiKey: 'emulator-craftgate-api',
		secretKey: 'emulator-craftgate-secret',
		webhookKey: 'emulator-craftgate-hook',
	},
	dialog360: {
		apiKey: 'emulator-360dialog-key',
		partnerWebhookSecret: 'emulator-360dialog-partner-secret',
	},
	calypso: {
		publicKey: 'emulator-calypso-public',
		secretKey: 'emulator-calypso-secret',
		accountId: '0x5a0b54d5dc17e0aadc383d2db43b0a0d3e029c4c',
	},
};
