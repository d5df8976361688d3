package projectipaccesslist

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/providerdata"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/validate"
)

var _ datasource.DataSourceWithConfigure = (*entriesDataSource)(nil)

type entriesDataSource struct {
	providerdata.DataSourceBase
}

// NewPluralDataSource is the mongodbatlas_project_ip_access_lists data source constructor.
func NewPluralDataSource() datasource.DataSource { return &entriesDataSource{} }

type entriesModel struct {
	ProjectID types.String `tfsdk:"project_id"`
	Results   []entryModel `tfsdk:"results"`
}

func (d *entriesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project_ip_access_lists"
}

func (d *entriesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads every entry of an Atlas project's IP access list, following every page.",
		Attributes: map[string]schema.Attribute{
			"project_id": schema.StringAttribute{Required: true, MarkdownDescription: "Id of the project.",
				Validators: []validator.String{validate.HexID()}},
			"results": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The entries, in the order Atlas lists them.",
				NestedObject: schema.NestedAttributeObject{Attributes: entryAttributes()}},
		},
	}
}

func (d *entriesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, ok := d.Begin(ctx, req.ProviderMeta, "data.mongodbatlas_project_ip_access_lists", providerdata.OpRead, &resp.Diagnostics)
	if !ok {
		return
	}
	var cfg entriesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID := cfg.ProjectID.ValueString()
	entries, err := d.Client.ListAccessList(ctx, projectID)
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("Listing the IP access list of project %s failed", projectID), atlas.WithHint(err))
		return
	}
	cfg.Results = make([]entryModel, 0, len(entries))
	for i := range entries {
		cfg.Results = append(cfg.Results, newEntryModel(&entries[i]))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
