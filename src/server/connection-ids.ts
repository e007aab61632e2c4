// Small stable numbers for connections, so a log can show which requests shared one.

export class ConnectionIds {
  private readonly ids = new WeakMap<object, number>();
  private next = 1;

  /** Same id for the same connection object (a net.Socket or an Http2Session) for its lifetime. */
  idFor(connection: object): number {
    let id = this.ids.get(connection);
    if (id === undefined) {
      id = this.next++;
      this.ids.set(connection, id);
    }
    return id;
  }
}
