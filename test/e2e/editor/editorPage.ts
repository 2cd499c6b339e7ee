// The n8n 2.41 editor as a person uses it, through its data-test-id attributes: log in, open a
// workflow from the overview, read the canvas, search the nodes panel, open a node's panel, run a
// workflow. Every wait has its own deadline sized for a loaded 2-core machine; none measures speed.
// Functions passed to page.evaluate() run in the browser, on its DOM:
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';

/** One step of the editor (a click, a panel opening, a search). */
export const STEP_TIMEOUT_MS = 2 * 60_000;
/** The first load of the editor's bundle. */
export const PAGE_LOAD_TIMEOUT_MS = 5 * 60_000;
/** A workflow run from the editor against the emulator. */
export const RUN_TIMEOUT_MS = 5 * 60_000;

const PACKAGE_PREFIX = 'n8n-nodes-chat-payments.';
const MAX_ZOOM_OUT_STEPS = 3;
// The nodes panel keys each entry by "<node type>-<uuid>".
const ENTRY_ID_SUFFIX = /-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const testId = (id: string) => `[data-test-id="${id}"]`;

export interface CanvasNode {
	name: string;
	type: string;
	marked: boolean;
}

export interface NodesPanelEntry {
	/** "Actions (7)", "Triggers (15)" */
	categories: string[];
	/** Node type (without the package prefix) of every action and trigger event the entry offers. */
	itemTypes: string[];
}

export class EditorPage {
	constructor(
		readonly page: Page,
		readonly baseUrl: string,
	) {}

	async login(owner: { email: string; password: string }): Promise<void> {
		await this.page.goto(`${this.baseUrl}/signin`, { timeout: PAGE_LOAD_TIMEOUT_MS });
		await this.page.locator('input[name="emailOrLdapLoginId"]').fill(owner.email, { timeout: PAGE_LOAD_TIMEOUT_MS });
		await this.page.locator('input[name="password"]').fill(owner.password, { timeout: STEP_TIMEOUT_MS });
		await this.page.locator(testId('form-submit-button')).click({ timeout: STEP_TIMEOUT_MS });
		await this.page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: STEP_TIMEOUT_MS });
	}

	/** Opens a workflow from the overview's list, as a person would, and waits for its nodes. */
	async openWorkflow(name: string, nodeNames: string[]): Promise<void> {
		await this.page.locator(testId('project-home-menu-item')).click({ timeout: STEP_TIMEOUT_MS });
		await this.page.locator(testId('resources-list-item-workflow'), { hasText: name }).first().click({ timeout: STEP_TIMEOUT_MS });
		await this.page.locator(testId('workflow-name-input'), { hasText: name }).waitFor({ timeout: STEP_TIMEOUT_MS });
		for (const nodeName of nodeNames) await this.canvasNode(nodeName).waitFor({ timeout: STEP_TIMEOUT_MS });
	}

	canvasNode(name: string): Locator {
		return this.page.locator(`${testId('canvas-node')}[data-node-name=${JSON.stringify(name)}]`);
	}

	/**
	 * The canvas's nodes and whether each carries a mark: n8n's issues triangle (missing
	 * credential, missing required parameter), an execution warning, or "not installed".
	 */
	async canvasNodes(): Promise<CanvasNode[]> {
		return await this.page.$$eval(testId('canvas-node'), (elements) =>
			elements
				.filter((element) => element.getAttribute('data-node-type'))
				.map((element) => ({
					name: element.getAttribute('data-node-name') ?? '',
					type: element.getAttribute('data-node-type') ?? '',
					marked: Boolean(
						element.querySelector('[data-test-id="node-issues"], [data-test-id="canvas-node-status-warning"], [data-test-id="node-not-installed"]'),
					),
				})),
		);
	}

	/** Hovers a node's issues mark and returns the tooltip n8n shows (its list of issues). */
	async issuesOf(nodeName: string): Promise<string> {
		await this.canvasNode(nodeName).locator(testId('node-issues')).hover({ timeout: STEP_TIMEOUT_MS });
		const tooltip = this.page.locator('.n8n-tooltip', { hasText: 'Issues' }).first();
		await tooltip.waitFor({ timeout: STEP_TIMEOUT_MS });
		const text = await tooltip.innerText();
		await this.page.mouse.move(1, 1);
		return text;
	}

	/**
	 * n8n opens its "Production Checklist" once, the first time a published workflow is opened in
	 * a browser; a person closes it to see the canvas.
	 */
	async closeProductionChecklist(): Promise<void> {
		const close = this.page.locator(testId('suggested-actions-close'));
		await close.click({ timeout: STEP_TIMEOUT_MS });
		await close.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
	}

	/**
	 * Screenshot of the part of the canvas that holds the nodes, their connections and sticky
	 * notes; zoomed out first (a few steps at most) while they do not fit in the canvas.
	 */
	async screenshotCanvas(file: string): Promise<void> {
		await this.page.mouse.move(1, 1);
		await this.brokenPackageIcons();
		await this.viewportSettled();
		let area = await this.canvasContentArea();
		for (let step = 0; area.clamped && step < MAX_ZOOM_OUT_STEPS; step++) {
			const before = await this.canvasTransform();
			await this.page.locator(testId('zoom-out-button')).click({ timeout: STEP_TIMEOUT_MS });
			await this.page.mouse.move(1, 1);
			await this.page.waitForFunction(
				(previous) => (document.querySelector('.vue-flow__transformationpane') as HTMLElement | null)?.style.transform !== previous,
				before,
				{ timeout: STEP_TIMEOUT_MS },
			);
			await this.viewportSettled();
			area = await this.canvasContentArea();
		}
		await this.save(file, () => this.page.screenshot({ clip: area.clip, animations: 'disabled', caret: 'hide' }));
	}

	private async canvasContentArea(): Promise<{ clip: { x: number; y: number; width: number; height: number }; clamped: boolean }> {
		return await this.page.evaluate(() => {
			const canvas = document.querySelector('[data-test-id="canvas-wrapper"]')!.getBoundingClientRect();
			// Leave out the canvas's own buttons: a column on the right, a row at the bottom.
			const wrapper = { left: canvas.left, top: canvas.top, right: canvas.right - 64, bottom: canvas.bottom - 80 };
			// A node's name and subtitle are drawn below its box, as its descendants.
			const parts = document.querySelectorAll('.vue-flow__node, .vue-flow__node *, .vue-flow__edge path, .vue-flow__edge-label');
			const boxes = [...parts].map((part) => part.getBoundingClientRect()).filter((box) => box.width > 0 || box.height > 0);
			const pad = 24;
			const want = {
				left: Math.min(...boxes.map((box) => box.left)) - pad,
				top: Math.min(...boxes.map((box) => box.top)) - pad,
				right: Math.max(...boxes.map((box) => box.right)) + pad,
				bottom: Math.max(...boxes.map((box) => box.bottom)) + pad,
			};
			const left = Math.max(wrapper.left, want.left);
			const top = Math.max(wrapper.top, want.top);
			const right = Math.min(wrapper.right, want.right);
			const bottom = Math.min(wrapper.bottom, want.bottom);
			const clamped = left > want.left || top > want.top || right < want.right || bottom < want.bottom;
			return { clip: { x: Math.floor(left), y: Math.floor(top), width: Math.ceil(right - left), height: Math.ceil(bottom - top) }, clamped };
		});
	}

	// ---- Nodes panel ------------------------------------------------------------------------

	get nodesPanel(): Locator {
		return this.page.locator(testId('node-creator'));
	}

	/** Opens the nodes panel and searches; returns the package's entries found (node types). */
	async searchNodes(term: string, expectAtLeast: string): Promise<string[]> {
		await this.page.locator(testId('node-creator-plus-button')).click({ timeout: STEP_TIMEOUT_MS });
		await this.nodesPanel.locator(testId('node-creator-search-bar')).fill(term, { timeout: STEP_TIMEOUT_MS });
		await this.entry(expectAtLeast).waitFor({ timeout: STEP_TIMEOUT_MS }).catch(() => undefined);
		return await this.visibleItemTypes();
	}

	entry(type: string): Locator {
		return this.nodesPanel.locator(`${testId('item-iterator-item')}[data-keyboard-nav-id^="${PACKAGE_PREFIX}${type}-"]`);
	}

	/** Clicks a search result and reads what the entry offers, every category expanded. */
	async openEntry(type: string): Promise<NodesPanelEntry> {
		await this.entry(type).click({ timeout: STEP_TIMEOUT_MS });
		await this.nodesPanelSettled('Node details');
		const collapsed = this.nodesPanel.locator(`[data-category-collapsed="true"] ${testId('node-creator-category-item')}`);
		while ((await collapsed.count()) > 0) {
			const before = await collapsed.count();
			await collapsed.first().click({ timeout: STEP_TIMEOUT_MS });
			await this.page.waitForFunction(
				({ selector, count }) => document.querySelectorAll(selector).length < count,
				{ selector: `[data-test-id="node-creator"] [data-category-collapsed="true"] [data-test-id="node-creator-category-item"]`, count: before },
				{ timeout: STEP_TIMEOUT_MS },
			);
		}
		const categories = await this.nodesPanel.locator(testId('node-creator-category-item')).allInnerTexts();
		return { categories: categories.map((text) => text.trim()), itemTypes: await this.visibleItemTypes() };
	}

	async closeNodesPanel(): Promise<void> {
		await this.page.keyboard.press('Escape');
		await this.nodesPanel.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
	}

	async screenshotNodesPanel(file: string): Promise<void> {
		await this.page.mouse.move(1, 1);
		await this.brokenPackageIcons();
		await this.save(file, () => this.nodesPanel.screenshot({ animations: 'disabled', caret: 'hide', timeout: STEP_TIMEOUT_MS }));
	}

	/** The package node types of the entries/items the panel shows (its leaving view excluded). */
	private async visibleItemTypes(): Promise<string[]> {
		const ids = await this.nodesPanel.locator(testId('item-iterator-item')).evaluateAll((elements) =>
			elements.filter((element) => element.checkVisibility()).map((element) => element.getAttribute('data-keyboard-nav-id') ?? ''),
		);
		return ids.filter((id) => id.startsWith(PACKAGE_PREFIX)).map((id) => id.slice(PACKAGE_PREFIX.length).replace(ENTRY_ID_SUFFIX, ''));
	}

	/** Waits until the panel's slide to a new view has finished (one header, with this title). */
	private async nodesPanelSettled(title: string): Promise<void> {
		await this.page.waitForFunction(
			(expected) => {
				const headers = document.querySelectorAll('[data-test-id="node-creator"] [data-test-id="nodes-list-header"]');
				return headers.length === 1 && (headers[0] as HTMLElement).innerText.includes(expected);
			},
			title,
			{ timeout: STEP_TIMEOUT_MS },
		);
	}

	// ---- Node panel (NDV) -------------------------------------------------------------------

	get nodePanel(): Locator {
		return this.page.locator(testId('ndv'));
	}

	async openNodePanel(nodeName: string): Promise<void> {
		await this.canvasNode(nodeName).dblclick({ timeout: STEP_TIMEOUT_MS });
		await this.nodePanel.locator(testId('node-parameters')).waitFor({ timeout: STEP_TIMEOUT_MS });
	}

	async closeNodePanel(): Promise<void> {
		await this.nodePanel.locator(testId('ndv-close-button')).click({ timeout: STEP_TIMEOUT_MS });
		await this.nodePanel.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
	}

	/**
	 * Waits for each parameter label to be visible in the open panel; the error lists the labels
	 * the panel does show.
	 */
	async expectParameterLabels(labels: string[]): Promise<void> {
		const shown = this.nodePanel.locator(`${testId('node-parameters')} ${testId('input-label')}`);
		for (const label of labels) {
			try {
				await shown.getByText(label, { exact: true }).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
			} catch {
				const visible = await shown.evaluateAll((elements) =>
					elements.filter((element) => element.checkVisibility()).map((element) => (element as HTMLElement).innerText.split('\n')[0].trim()),
				);
				throw new Error(`the panel shows no parameter "${label}"; it shows: ${visible.join(' / ')}`);
			}
		}
	}

	/** The credential selected in the open panel, as its picker shows it. */
	async selectedCredential(): Promise<string> {
		const input = this.nodePanel.locator(`${testId('node-credentials-select')} input`).first();
		await input.waitFor({ state: 'attached', timeout: STEP_TIMEOUT_MS });
		return await input.inputValue({ timeout: STEP_TIMEOUT_MS });
	}

	/** Screenshot of the panel's parameters column (tabs, credential, parameters). */
	async screenshotNodePanelParameters(file: string): Promise<void> {
		await this.page.mouse.move(1, 1);
		await this.brokenPackageIcons();
		await this.save(file, () =>
			this.nodePanel.locator('.node-settings').screenshot({ animations: 'disabled', caret: 'hide', timeout: STEP_TIMEOUT_MS }),
		);
	}

	async screenshotNodePanel(file: string): Promise<void> {
		await this.page.mouse.move(1, 1);
		await this.save(file, () => this.nodePanel.screenshot({ animations: 'disabled', caret: 'hide', timeout: STEP_TIMEOUT_MS }));
	}

	// ---- Running ----------------------------------------------------------------------------

	/** Clicks "Execute workflow" and waits for the node's success mark. */
	async executeWorkflowUntil(nodeName: string): Promise<void> {
		await this.page.locator(testId('execute-workflow-button')).click({ timeout: STEP_TIMEOUT_MS });
		await this.canvasNode(nodeName).locator(testId('canvas-node-status-success')).waitFor({ timeout: RUN_TIMEOUT_MS });
	}

	/**
	 * The items in the open panel's output, read from its JSON view as a person would copy them
	 * (the table view cuts long values off).
	 */
	async outputItems(): Promise<unknown[]> {
		const output = this.nodePanel.locator(testId('output-panel'));
		await output.locator(testId('radio-button-json')).click({ timeout: STEP_TIMEOUT_MS });
		const json = output.locator('.json-data');
		await json.waitFor({ timeout: STEP_TIMEOUT_MS });
		// One line per token, indented with no-break spaces.
		const text = (await json.innerText({ timeout: STEP_TIMEOUT_MS })).replace(/\u00a0/g, ' ').split('\n').join('');
		return JSON.parse(text);
	}

	// ---- Helpers ----------------------------------------------------------------------------

	/**
	 * Waits until the page's icons of this package (<img> files n8n serves) have loaded or failed;
	 * returns the ones that failed.
	 */
	async brokenPackageIcons(): Promise<string[]> {
		const icons = 'img[src*="/icons/n8n-nodes-chat-payments/"]';
		await this.page.waitForFunction(
			(selector) => document.fonts.status === 'loaded' && [...document.querySelectorAll<HTMLImageElement>(selector)].every((image) => image.complete),
			icons,
			{ timeout: STEP_TIMEOUT_MS },
		);
		return await this.page.$$eval(icons, (images) =>
			(images as HTMLImageElement[]).filter((image) => image.naturalWidth === 0).map((image) => image.getAttribute('src') ?? ''),
		);
	}

	private async canvasTransform(): Promise<string> {
		return await this.page.locator('.vue-flow__transformationpane').evaluate((viewport) => (viewport as HTMLElement).style.transform, undefined, {
			timeout: STEP_TIMEOUT_MS,
		});
	}

	/** The canvas moves with an animation (fit to view, zoom): wait until two looks agree. */
	private async viewportSettled(): Promise<void> {
		let last: string | undefined;
		await this.page.waitForFunction(
			() => (document.querySelector('.vue-flow__transformationpane') as HTMLElement | null)?.style.transform ?? null,
			undefined,
			{ timeout: STEP_TIMEOUT_MS },
		);
		const deadline = Date.now() + STEP_TIMEOUT_MS;
		for (;;) {
			const now = await this.canvasTransform();
			if (now === last) return;
			if (Date.now() > deadline) throw new Error(`the canvas kept moving for ${STEP_TIMEOUT_MS} ms (transform ${now})`);
			last = now;
			await this.page.waitForTimeout(500);
		}
	}

	private async save(file: string, take: () => Promise<Buffer>): Promise<void> {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, await take());
	}
}
