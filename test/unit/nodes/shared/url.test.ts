import { isLocalHost, isLocalUrl, parseHttpUrl } from '../../../../nodes/shared/url';

describe('parseHttpUrl', () => {
	it('parses http and https addresses', () => {
		expect(parseHttpUrl('https://api.example.com/v1')?.host).toBe('api.example.com');
		expect(parseHttpUrl('http://127.0.0.1:8090')?.port).toBe('8090');
	});

	it.each(['', 'api.example.com', 'ftp://files.example.com', 'javascript:alert(1)', 'file:///etc/passwd', 'http://'])(
		'refuses %j',
		(raw) => {
			expect(parseHttpUrl(raw)).toBeUndefined();
		},
	);
});

describe('isLocalUrl', () => {
	it.each([
		'http://localhost:5678/webhook/x',
		'http://LOCALHOST/x',
		'http://localhost./x',
		'http://n8n.localhost/x',
		'http://127.0.0.1:5678/x',
		'http://127.10.20.30/x',
		'http://127.1/x',
		'http://2130706433/x',
		'http://[::1]:5678/x',
		'http://[0:0:0:0:0:0:0:1]/x',
		'http://[::ffff:127.0.0.1]/x',
		'http://0.0.0.0:5678/x',
		'http://[::]/x',
		'https://localhost/x',
	])('%s is this machine', (url) => {
		expect(isLocalUrl(url)).toBe(true);
	});

	it.each([
		'https://n8n.example.com/webhook/x',
		'http://127.example.com/x',
		'http://127.0.0.1.nip.io/x',
		'http://localhost.example.com/x',
		'http://mylocalhost/x',
		'http://128.0.0.1/x',
		'http://10.0.0.5/x',
		'http://[::2]/x',
		'http://[::ffff:10.0.0.1]/x',
		'http://[2001:db8::1]/x',
	])('%s is not', (url) => {
		expect(isLocalUrl(url)).toBe(false);
	});

	it('is false for anything that is not an http(s) URL', () => {
		expect(isLocalUrl('localhost')).toBe(false);
		expect(isLocalUrl('ftp://localhost/x')).toBe(false);
		expect(isLocalUrl('')).toBe(false);
	});
});

describe('isLocalHost', () => {
	it('takes host names with or without IPv6 brackets', () => {
		expect(isLocalHost('[::1]')).toBe(true);
		expect(isLocalHost('::1')).toBe(true);
		expect(isLocalHost('127.0.0.53')).toBe(true);
		expect(isLocalHost('127.example.com')).toBe(false);
		expect(isLocalHost('127.0.0')).toBe(false);
	});
});
