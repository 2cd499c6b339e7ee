import { parseIpAllowlist } from '../../../../../nodes/Exotel/trigger/ipAllowlist';

describe('IP(s) Allowlist', () => {
	it('allows everyone when empty', () => {
		for (const text of ['', '  ', ' , ', undefined]) {
			const list = parseIpAllowlist(text);
			expect(list.restricts).toBe(false);
			expect(list.invalid).toEqual([]);
		}
	});

	it.each([
		['203.0.113.10', '203.0.113.10', true],
		['203.0.113.10', '203.0.113.11', false],
		['10.0.0.1', '10.0.0.10', false],
		['203.0.113.0/24', '203.0.113.254', true],
		['203.0.113.0/24', '203.0.114.1', false],
		['10.0.0.0/8', '10.200.3.4', true],
		['0.0.0.0/0', '198.51.100.7', true],
		['203.0.113.10', '::ffff:203.0.113.10', true],
		['203.0.113.0/24', '::FFFF:203.0.113.9', true],
		['::ffff:203.0.113.10', '203.0.113.10', true],
		['::ffff:10.0.0.0/104', '10.1.2.3', true],
		['::ffff:10.0.0.0/104', '11.1.2.3', false],
		['2001:db8::1', '2001:0db8:0000:0000:0000:0000:0000:0001', true],
		['2001:DB8::/32', '2001:db8:ffff::5', true],
		['2001:db8::/32', '2001:db9::5', false],
		['2001:db8:1::/48', '2001:db8:1:2::5', true],
		['2001:db8::/32', '203.0.113.10', false],
		['203.0.113.0/24', '2001:db8::1', false],
		['::1', '::1', true],
		['fe80::1', 'fe80::1%eth0', true],
		['64:ff9b::/96', '64:ff9b::203.0.113.10', true],
		['203.0.113.10, 2001:db8::/32 ,198.51.100.0/24', '198.51.100.77', true],
	])('%s allows %s: %s', (list, address, allowed) => {
		expect(parseIpAllowlist(list).allows(address)).toBe(allowed);
	});

	it('keeps entries that are neither an address nor a range apart, and they allow nobody', () => {
		const list = parseIpAllowlist('203.0.113.10, example.com, 10.0.0.0/33, 300.1.1.1, 2001:db8::/129, 1.2.3.4/8/9, 2001:db8:::1, 1.2.3.4/x');
		expect(list.restricts).toBe(true);
		expect(list.invalid).toEqual(['example.com', '10.0.0.0/33', '300.1.1.1', '2001:db8::/129', '1.2.3.4/8/9', '2001:db8:::1', '1.2.3.4/x']);
		expect(list.allows('203.0.113.10')).toBe(true);
		expect(list.allows('10.1.1.1')).toBe(false);
		expect(parseIpAllowlist('not-an-ip').allows('127.0.0.1')).toBe(false);
	});

	it('refuses callers whose address cannot be read', () => {
		const list = parseIpAllowlist('0.0.0.0/0, ::/0');
		expect(list.allows('')).toBe(false);
		expect(list.allows('unknown')).toBe(false);
		expect(list.allows('::1')).toBe(true);
	});
});
