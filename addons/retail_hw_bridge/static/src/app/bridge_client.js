import { reactive } from "@odoo/owl";
import { browser } from "@web/core/browser/browser";

const FIRST_RETRY_MS = 1000;
const LAST_RETRY_MS = 30000;

/**
 * The POS end of the till's card reader bridge (retail-hw-bridge): one WebSocket to the local
 * service, opened again with a growing delay (1 s, 2 s, 4 s... 30 s) whenever it closes, so that
 * the bridge may restart or start after the POS. `state.status` is "connected" once the bridge has
 * greeted us (the pairing token and our origin were accepted), else "connecting" or "disconnected".
 */
export class RetailBridgeClient {
    constructor({ url, token, onEvent }) {
        this.url = url;
        this.token = token;
        this.onEvent = onEvent;
        this.state = reactive({ status: "disconnected", readers: [], connections: 0 });
        this.socket = null;
        this.retryMs = FIRST_RETRY_MS;
        this.retryTimer = null;
        this.stopped = true;
    }

    socketUrl() {
        const address = new URL(this.url);
        address.searchParams.set("token", this.token || "");
        return address.toString();
    }

    start() {
        this.stopped = false;
        this.connect();
    }

    stop() {
        this.stopped = true;
        browser.clearTimeout(this.retryTimer);
        const socket = this.socket;
        this.socket = null;
        socket?.close();
        this.state.status = "disconnected";
    }

    /** Try again at once (the cashier clicked the status), and from the shortest delay on. */
    reconnectNow() {
        if (this.state.status === "connected" || this.stopped) {
            return;
        }
        this.retryMs = FIRST_RETRY_MS;
        this.connect();
    }

    connect() {
        browser.clearTimeout(this.retryTimer);
        this.socket?.close();
        let socket;
        try {
            socket = new WebSocket(this.socketUrl());
        } catch {
            // a malformed address: keep trying, the status tells the cashier
            this.state.status = "disconnected";
            this.scheduleReconnect();
            return;
        }
        this.socket = socket;
        this.state.status = "connecting";
        socket.addEventListener("message", (message) => this.receive(message));
        socket.addEventListener("close", () => {
            if (this.socket !== socket) {
                return;
            }
            this.socket = null;
            this.state.status = "disconnected";
            this.state.readers = [];
            this.scheduleReconnect();
        });
    }

    scheduleReconnect() {
        if (this.stopped) {
            return;
        }
        browser.clearTimeout(this.retryTimer);
        this.retryTimer = browser.setTimeout(() => this.connect(), this.retryMs);
        this.retryMs = Math.min(this.retryMs * 2, LAST_RETRY_MS);
    }

    receive(message) {
        let event;
        try {
            event = JSON.parse(message.data);
        } catch {
            return;
        }
        if (event.event === "hello") {
            this.state.status = "connected";
            this.state.connections++;
            this.state.readers = event.readers || [];
            this.retryMs = FIRST_RETRY_MS;
        } else if (event.event === "reader") {
            const others = this.state.readers.filter((reader) => reader.reader !== event.reader);
            this.state.readers = event.connected
                ? [...others, { reader: event.reader, kind: event.kind, connected: true }]
                : others;
        }
        this.onEvent(event);
    }
}
