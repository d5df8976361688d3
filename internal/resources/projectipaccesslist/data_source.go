package projectipaccesslist

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/providerdata"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/validate"
)

var (
	_ datasource.DataSourceWithConfigure        = (*entryDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*entryDataSource)(nil)
)

type entryDataSource struct {
	providerdata.DataSourceBase
}

// NewDataSource is the mongodbatlas_project_ip_access_list data source constructor.
func NewDataSource() datasource.DataSource { return &entryDataSource{} }

func (d *entryDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project_ip_access_list"
}

func (d *entryDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := entryAttributes()
	attrs["project_id"] = schema.StringAttribute{Required: true, MarkdownDescription: "Id of the project.",
		Validators: []validator.String{validate.HexID()}}
	attrs["ip_address"] = schema.StringAttribute{Optional: true, Computed: true, MarkdownDescription: ipAddressDoc,
		Validators: []validator.String{addressValidator{}}}
	attrs["cidr_block"] = schema.StringAttribute{Optional: true, Computed: true, MarkdownDescription: cidrBlockDoc,
		Validators: []validator.String{cidrValidator{}}}
	attrs["aws_security_group"] = schema.StringAttribute{Optional: true, Computed: true, MarkdownDescription: securityGroupDoc}
	attrs["id"] = schema.StringAttribute{Computed: true, MarkdownDescription: "Terraform id of the entry."}
	resp.Schema = schema.Schema{MarkdownDescription: "Reads one entry of an Atlas project's IP access list.", Attributes: attrs}
}

func (d *entryDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(
		path.MatchRoot("ip_address"), path.MatchRoot("cidr_block"), path.MatchRoot("aws_security_group"))}
}

func (d *entryDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, ok := d.Begin(ctx, req.ProviderMeta, "data.mongodbatlas_project_ip_access_list", providerdata.OpRead, &resp.Diagnostics)
	if !ok {
		return
	}
	var cfg dataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, entry := cfg.ProjectID.ValueString(), cfg.entryValue()
	got, err := d.Client.GetAccessListEntry(ctx, projectID, entry)
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("Reading access list entry %s in project %s failed", entry, projectID), atlas.WithHint(err))
		return
	}
	m := resourceModel{entryModel: cfg.entryModel}
	m.refresh(projectID, got)
	out := dataSourceModel{entryModel: m.entryModel, ProjectID: types.StringValue(projectID), ID: m.ID}
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}
