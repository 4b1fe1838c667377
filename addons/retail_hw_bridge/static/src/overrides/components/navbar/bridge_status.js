import { Component } from "@odoo/owl";
import { usePos } from "@point_of_sale/app/store/pos_hook";
import { _t } from "@web/core/l10n/translation";

export class RetailBridgeStatus extends Component {
    static template = "retail_hw_bridge.BridgeStatus";
    static props = {};

    setup() {
        this.pos = usePos();
    }
    get bridge() {
        return this.pos.retailHwBridge;
    }
    get connected() {
        return this.bridge.state.status === "connected";
    }
    get title() {
        if (!this.connected) {
            return _t("Card reader bridge: not connected (click to retry)");
        }
        const readers = this.bridge.state.readers.map((reader) => reader.reader).join(", ");
        return readers
            ? _t("Card reader bridge: connected (%s)", readers)
            : _t("Card reader bridge: connected, no card reader plugged in");
    }
    onClick() {
        this.bridge.reconnectNow();
    }
}
