import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";
import { RetailCustomerPanel } from "@retail_crm/customer_panel/customer_panel";

/** The customer's email and SMS consent on the till's customer panel, recorded when the customer says so. */
patch(RetailCustomerPanel.prototype, {
    get consentChannels() {
        return [
            { key: "email", address: "email", label: _t("Email"), missing: _t("no valid email") },
            { key: "sms", address: "mobile", label: _t("SMS"), missing: _t("no valid mobile") },
        ];
    },
    consentBadge(consent) {
        return { opt_in: "text-bg-success", opt_out: "text-bg-danger" }[consent] || "text-bg-secondary";
    },
    async setConsent(channel, consent) {
        try {
            this.state.panel.consent = await this.pos.data.call("res.partner", "retail_pos_set_consent", [
                this.props.partner.id,
                channel,
                consent,
            ]);
        } catch (error) {
            console.warn("Consent not recorded:", error);
            this.notification.add(_t("The consent could not be recorded: the till is offline."), {
                type: "warning",
            });
        }
    },
});
