/**
 * The households an import touches, by `<grid id>|<household number>`: whether each exists in the
 * database (its id), who is its head so far, which house it is in. Kept in typed arrays beside one
 * map of keys, since a city-sized file forms hundreds of thousands of households.
 */
export class HouseholdTable {
  private readonly slots = new Map<string, number>();
  private ids = new Int32Array(1024);
  private heads = new Int32Array(1024);
  private houses = new Int32Array(1024);
  private size = 0;

  /** -1 when the key is new. */
  slot(key: string): number {
    return this.slots.get(key) ?? -1;
  }

  /**
   * Adds a household: `id` 0 while it is not in the database yet; `headRow` -1 without a head, 0 for a
   * head already registered, else the file row that names the head.
   */
  add(key: string, id: number, headRow: number, houseId: number | null): number {
    if (this.size === this.ids.length) this.grow();
    const slot = this.size++;
    this.slots.set(key, slot);
    this.ids[slot] = id;
    this.heads[slot] = headRow;
    this.houses[slot] = houseId ?? 0;
    return slot;
  }

  id(slot: number): number | null {
    return this.ids[slot] || null;
  }
  setId(slot: number, id: number, houseId: number | null) {
    this.ids[slot] = id;
    this.houses[slot] = houseId ?? 0;
  }
  headRow(slot: number): number {
    return this.heads[slot]!;
  }
  setHeadRow(slot: number, row: number) {
    this.heads[slot] = row;
  }
  houseId(slot: number): number | null {
    return this.houses[slot] || null;
  }

  private grow() {
    const widen = (a: Int32Array) => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.ids = widen(this.ids);
    this.heads = widen(this.heads);
    this.houses = widen(this.houses);
  }
}
