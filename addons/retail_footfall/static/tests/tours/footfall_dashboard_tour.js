import { registry } from "@web/core/registry";

// The dashboard shows the demo shop's figures and its heatmap, also for one branch.
registry.category("web_tour.tours").add("retail_footfall_dashboard", {
    steps: () => [
        { trigger: ".o_retail_footfall_dashboard .o_footfall_kpi_conversion_rate .o_footfall_kpi_value:contains(%)" },
        { trigger: ".o_footfall_branches td:contains(Hà Nội - Cầu Giấy)" },
        { trigger: ".o_footfall_heatmap .o_footfall_heat_cell[style*=background-color]" },
        {
            trigger: ".o_footfall_branch_select",
            run: "selectByLabel TP.HCM - Quận 1",
        },
        { trigger: ".o_footfall_heatmap .o_footfall_heat_cell[style*=background-color]" },
        { trigger: ".o_retail_footfall_dashboard button:contains(7 days)", run: "click" },
        { trigger: ".o_retail_footfall_dashboard button.btn-primary:contains(7 days)" },
    ],
});
