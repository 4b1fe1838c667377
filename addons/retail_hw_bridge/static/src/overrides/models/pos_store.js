import { PosStore } from "@point_of_sale/app/store/pos_store";
import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";
import { RetailBridgeClient } from "@retail_hw_bridge/app/bridge_client";

patch(PosStore.prototype, {
    async afterProcessServerData() {
        const result = await super.afterProcessServerData(...arguments);
        this.retailStartCardBridge();
        return result;
    },
    retailStartCardBridge() {
        this.retailHwBridge?.stop();
        this.retailHwBridge = null;
        if (!this.config.retail_hw_bridge_enabled || !this.config.retail_hw_bridge_url) {
            return;
        }
        this.retailHwBridge = new RetailBridgeClient({
            url: this.config.retail_hw_bridge_url,
            token: this.config.retail_hw_bridge_token,
            onEvent: (event) => this.retailOnBridgeEvent(event),
        });
        this.retailHwBridge.start();
    },
    async retailOnBridgeEvent(event) {
        if (event.event === "card" && event.number) {
            const order = this.get_order();
            if (!order || order.finalized) {
                this.notification.add(_t("Start a new order, then read the card again."), {
                    type: "warning",
                });
                return;
            }
            await this.retailReadMemberCard(event.number);
        } else if (event.event === "card_error") {
            this.notification.add(_t("The card could not be read. Please read it again."), {
                type: "warning",
                title: event.reader,
            });
        }
    },
    /**
     * What a keyboard-wedge reader typed, when it matches the till's card number pattern: the card
     * number (the pattern's first group, or all of the match); null otherwise.
     */
    retailCardNumberFromInput(input) {
        const pattern = this.config.retail_card_pattern;
        if (!pattern || !input) {
            return null;
        }
        let match;
        try {
            match = new RegExp(pattern).exec(input);
        } catch {
            return null;
        }
        if (!match) {
            return null;
        }
        return (match.length > 1 && match[1] !== undefined ? match[1] : match[0]).trim() || null;
    },
});
