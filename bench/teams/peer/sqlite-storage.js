// botbuilder's Storage (read, write, delete of JSON items by key, with eTags) over one SQLite table through
// better-sqlite3: the embedded, durable storage the peer keeps its conversations in, as ours keeps them in its SQLite
// file. The peer itself only reads and writes with eTags; '*' and delete complete the interface botbuilder defines.
// A write with the eTag it read succeeds only if nobody wrote since, and one with eTag '0' only if the key is new; a
// write without one (or '*') overwrites, as botbuilder's MemoryStorage does. A refused write throws an error with
// eTagConflict set.
'use strict';

const Database = require('better-sqlite3');

class SqliteStorage {
    constructor(path) {
        this.db = new Database(path);
        this.db.pragma('journal_mode = WAL');
        this.db.pragma('synchronous = NORMAL');
        this.db.exec('CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, etag INTEGER NOT NULL, body TEXT NOT NULL)');
        this.selectItem = this.db.prepare('SELECT etag, body FROM state WHERE key = ?');
        this.putItem = this.db.prepare(
            'INSERT INTO state (key, etag, body) VALUES (?, 1, ?) ON CONFLICT (key) DO UPDATE SET etag = etag + 1, body = excluded.body');
        this.insertItem = this.db.prepare('INSERT INTO state (key, etag, body) VALUES (?, 1, ?) ON CONFLICT (key) DO NOTHING');
        this.replaceItem = this.db.prepare('UPDATE state SET etag = etag + 1, body = ? WHERE key = ? AND etag = ?');
        this.deleteItem = this.db.prepare('DELETE FROM state WHERE key = ?');
    }

    async read(keys) {
        const items = {};
        for (const key of keys) {
            const row = this.selectItem.get(key);
            if (row) {
                items[key] = { ...JSON.parse(row.body), eTag: String(row.etag) };
            }
        }
        return items;
    }

    async write(changes) {
        for (const [key, item] of Object.entries(changes)) {
            const { eTag, ...value } = item;
            const body = JSON.stringify(value);
            if (eTag === undefined || eTag === '*') {
                this.putItem.run(key, body);
            } else if ((eTag === '0' ? this.insertItem.run(key, body) : this.replaceItem.run(body, key, Number(eTag))).changes !== 1) {
                const error = new Error(`Storage: the item ${key} changed since it was read (eTag ${eTag}).`);
                error.eTagConflict = true;
                throw error;
            }
        }
    }

    async delete(keys) {
        for (const key of keys) {
            this.deleteItem.run(key);
        }
    }
}

module.exports = { SqliteStorage };
