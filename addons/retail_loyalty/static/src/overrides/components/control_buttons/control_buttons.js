import { ControlButtons } from "@point_of_sale/app/screens/product_screen/control_buttons/control_buttons";
import { TextInputPopup } from "@point_of_sale/app/utils/input_popups/text_input_popup";
import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";

patch(ControlButtons.prototype, {
    clickRetailMemberCard() {
        this.dialog.add(TextInputPopup, {
            title: _t("Member Card"),
            placeholder: _t("Scan or type the card number"),
            getPayload: (number) => this.pos.retailReadMemberCard(number),
        });
    },
});
