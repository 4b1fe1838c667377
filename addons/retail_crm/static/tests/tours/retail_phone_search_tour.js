import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as PartnerList from "@point_of_sale/../tests/tours/utils/partner_list_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import { registry } from "@web/core/registry";

// The cashier types the customer's mobile the way the customer says it (national format, spaces),
// the customer was saved as +84…: "Search more" finds them through the E.164 number.
registry.category("web_tour.tours").add("retail_phone_search_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.addOrderline("Bia Hà Nội 330ml", "1"),
            ProductScreen.clickPartnerButton(),
            {
                content: "type the number as the customer says it",
                trigger: ".modal-dialog .input-group input",
                run: "edit 0936 555 010",
            },
            {
                content: "ask the server",
                trigger: ".search-more-button > button",
                run: "click",
            },
            PartnerList.clickPartner("Khách Tìm Số Điện Thoại"),
            ProductScreen.customerIsSelected("Khách Tìm Số Điện Thoại"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Tiền mặt"),
            PaymentScreen.remainingIs("0"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
        ].flat(),
});
