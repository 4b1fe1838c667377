import { PartnerList } from "@point_of_sale/app/screens/partner_list/partner_list";
import { patch } from "@web/core/utils/patch";

// "Search more" at the till also finds a customer by phone however it is typed (090 123 4567,
// +84 90…): the server compares the E.164 form.
patch(PartnerList.prototype, {
    getPhoneSearchTerms() {
        return [...super.getPhoneSearchTerms(), "retail_phone_search"];
    },
});
