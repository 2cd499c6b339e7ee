/**
 * Said on every failure that may have left a WhatsApp message sent: the node never resends by
 * itself, because the customer could then get the same payment request twice. `where` says where
 * the user can see whether it went out (e.g. "status callback or Exotel dashboard").
 */
export function notResentAdvice(where: string): string {
	return (
		'The node did not resend it, so the customer never gets the same message twice. ' +
		`Check whether it went out (${where}) before sending again; resend a payment request with a new reference_id.`
	);
}
