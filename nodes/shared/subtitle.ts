import type { INodePropertyOptions } from 'n8n-workflow';

/*
 * Canvas subtitles say what the panel says: parameters hold values ("getAll", "API_AUTH"), so each
 * subtitle expression maps values to the names their options show ("Get Many", "Payment
 * Authorized (API)"), keeping a value the list lacks as it is. Object literals are wrapped in
 * parentheses so that no `}}` ends the expression early.
 */

function namesByValue(options: INodePropertyOptions[]): string {
	const entries = options.map((option) => `${JSON.stringify(String(option.value))}: ${JSON.stringify(option.name)}`);
	return `({ ${entries.join(', ')} })`;
}

/** The names of the options chosen in a multiOptions parameter, joined (an expression body). */
export function chosenOptionsExpression(parameter: string, options: INodePropertyOptions[]): string {
	return `($parameter["${parameter}"] || []).map((value) => ${namesByValue(options)}[value] || value).join(", ")`;
}

/** A trigger's subtitle: the names of the events chosen in `parameter`. */
export function chosenOptionsSubtitle(parameter: string, options: INodePropertyOptions[]): string {
	return `={{ ${chosenOptionsExpression(parameter, options)} }}`;
}
