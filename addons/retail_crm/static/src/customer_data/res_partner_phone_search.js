import { ResPartner } from "@point_of_sale/app/models/res_partner";
import { patch } from "@web/core/utils/patch";

// The till's own list search also matches the number in national and international form
// (0936 555 010 finds a customer saved as +84 93 6555 010).
patch(ResPartner.prototype, {
    get searchString() {
        return [super.searchString, this.retail_phone_keys || ""].filter(Boolean).join(" ");
    },
});
