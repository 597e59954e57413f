//# allFunctionsCalledOnLoad
// @ts-check
/* Types of the concept map's modules (JSDoc only: nothing here runs). The payload is written
 * by views/render.py map_payload(), its `vocab` by graph/vocabulary.py to_payload(); vis-network is typed only as far as the map uses it. */

/**
 * @typedef {{ id: string, label: string, kind: string, layer?: number, x: number, y: number,
 *   wrap?: string | number[], short?: string | number[], url?: string, summary?: string, faces?: string,
 *   reviewed?: string, stale?: boolean, link_issues?: number, as?: number }} PayloadNode
 * @typedef {{ layer: number, top: number, bottom: number }} Band
 * @typedef {{ left: number, right: number }} Extent
 * @typedef {{ light: string, dark: string }} Colours
 * @typedef {{ label: string, words: string, meaning: string, mark: string | null,
 *   dashes: number[] | null, width: number, arrow: boolean, colour: Colours,
 *   default: boolean, out: string, in: string, step: string, pathCost: number,
 *   labelChars?: number }} EdgeVocab
 * @typedef {{ name: string, maxDays: number | null, colour: Colours, dashes: number[] | null,
 *   border: string }} FreshnessVocab
 * @typedef {{ symbol: string, text: string, name: string, meaning: string, svg: string,
 *   colour: Colours, relation: boolean }} MarkVocab
 * @typedef {{ name: string, short: string, colour: Colours }} LayerVocab
 * @typedef {{ name: string, prefix: string, stored: boolean }} NodeKindVocab
 * @typedef {{ layers: Record<string, LayerVocab>, layerLabel?: string, edges: Record<string, EdgeVocab>,
 *   marks: Record<string, MarkVocab>, nodeKinds: Record<string, NodeKindVocab>,
 *   faces?: Record<string, { name: string, direction: string, layer: number }>,
 *   edgeContext?: { alpha: number, width: number }, edgeContextLocal?: { alpha: number, width: number },
 *   freshness: { buckets: Record<string, FreshnessVocab>, order: string[], stale: string,
 *   undated: string, defaultIntervalDays: number }, outputs: Record<string, string>,
 *   media?: Record<string, string> }} Vocab
 * @typedef {{ pos: [number, number][], bands: Band[], extent: Extent }} Layout
 * @typedef {{ w: number, h: number, em: number, lines: number }} Cell the layout's grid cell (canvas
 *   units) and the overview labels' line width (em) and lines (views/render.py map_payload)
 * @typedef {[number, number, string | number] | [number, number, string | number, string]
 *   | [number, number, string | number, string, string]} PayloadEdge (kind: a name, or its index in vocab.edges)
 * @typedef {{ nodes: PayloadNode[], edges: PayloadEdge[],
 *   merged?: Record<string, string>, bands: Band[], extent: Extent,
 *   cell: Cell, options?: Record<string, any>,
 *   usedIn?: Record<string, number[]>,
 *   tall?: Layout, fits?: (Layout & { cols: number })[], vocab: Vocab,
 *   scenarios?: Scenario[] }} Payload
 * @typedef {{ text: string, node: string, layer: number, url: string }} ScenarioStep
 * @typedef {{ id: string, title: string, url: string, steps: ScenarioStep[] }} Scenario
 *
 * @typedef {Omit<PayloadNode, "wrap" | "short"> & { layer: number, wrap?: string, short?: string }} MapNode
 *   (wrap, short: the lines as text, model.js labelLines)
 * @typedef {{ id: string, from: string, to: string, kind: string, phrase?: string, faces?: string }} MapEdge
 * @typedef {{ edge: MapEdge, other: string, out: boolean }} Adjacency
 * @typedef {{ data: Payload, nodes: MapNode[], byId: Record<string, MapNode>, edges: MapEdge[],
 *   edgeById: Record<string, MapEdge>, adjacent: Record<string, Adjacency[]>, bands: Band[],
 *   extent: Extent, kinds: string[], k: Record<string, string> }} Model
 *
 * @typedef {{ scale: number, x: number, y: number }} View
 * @typedef {{ layers: Set<number>, edges: Set<string>, focus: string, sections: boolean,
 *   view: string, zoom: View | null, from: string, to: string, scenario: string,
 *   step: number }} State
 *
 * @typedef {{ dark: boolean, bg: number[], fg: number[], layer: Record<number, number[]>,
 *   font: string }} Palette
 *
 * @typedef {{ x: number, y: number }} Point
 * @typedef {{ x: number, y: number, shape: { width?: number, height?: number },
 *   labelModule: { fontOptions: { size: number } }, draw: (ctx: CanvasRenderingContext2D) => void }} DrawnNode
 * @typedef {{ get: (id?: any) => any, getIds: (opts?: any) => string[],
 *   update: (items: any) => void, length: number }} DataSet
 * @typedef {{ on: (event: string, fn: (arg: any) => void) => void,
 *   once: (event: string, fn: (arg: any) => void) => void,
 *   setOptions: (o: object) => void, moveTo: (o: object) => void, fit: (o?: object) => void,
 *   getScale: () => number, getViewPosition: () => Point,
 *   getPositions: (ids: string[]) => Record<string, Point>,
 *   getSelectedNodes: () => string[], selectNodes: (ids: string[]) => void,
 *   unselectAll: () => void, redraw: () => void, destroy: () => void,
 *   setSize: (width: string, height: string) => void,
 *   DOMtoCanvas: (p: Point) => Point, canvasToDOM: (p: Point) => Point,
 *   body: { nodes: Record<string, DrawnNode>, data: { nodes: DataSet, edges: DataSet } },
 *   __cmRoot?: Element, __cm?: object }} Network
 * @typedef {{ Network: new (el: Element, data: object, options: object) => Network,
 *   DataSet: new (items: object[]) => DataSet }} Vis
 */

export {};
