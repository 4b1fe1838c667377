import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import { scan_barcode } from "@point_of_sale/../tests/tours/utils/common";
import { registry } from "@web/core/registry";

const VIRTUAL_CARD = "VM0000900001";
const CUSTOMER = "Signup Member Trần Thị Mới";
const MASSAGE = "Massage body 60 phút";

// The virtual card issued at the website sign-up, scanned from the member's phone at the till.
registry.category("web_tour.tours").add("retail_portal_virtual_card_pos_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.addOrderline(MASSAGE, "1"),
            scan_barcode(VIRTUAL_CARD),
            ProductScreen.customerIsSelected(CUSTOMER),
            {
                content: "the member summary shows the new member's tier",
                trigger: ".o_retail_member_summary .o_retail_member_tier:contains('Member')",
            },
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Tiền mặt"),
            PaymentScreen.remainingIs("0"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
        ].flat(),
});
