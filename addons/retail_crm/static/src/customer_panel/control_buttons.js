import { ControlButtons } from "@point_of_sale/app/screens/product_screen/control_buttons/control_buttons";
import { patch } from "@web/core/utils/patch";
import { RetailCustomerPanel } from "@retail_crm/customer_panel/customer_panel";

patch(ControlButtons.prototype, {
    clickRetailCustomerPanel() {
        const partner = this.pos.get_order()?.get_partner();
        if (partner) {
            this.dialog.add(RetailCustomerPanel, { partner });
        }
    },
});
