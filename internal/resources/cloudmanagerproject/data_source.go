package cloudmanagerproject

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/providerdata"
)

var (
	_ datasource.DataSource              = (*cloudManagerProjectDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*cloudManagerProjectDataSource)(nil)
)

type cloudManagerProjectDataSource struct {
	providerdata.DataSourceBase
}

// NewDataSource is the mongodbatlas_cloud_manager_project data source constructor.
func NewDataSource() datasource.DataSource { return &cloudManagerProjectDataSource{} }

func (d *cloudManagerProjectDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cloud_manager_project"
}

func (d *cloudManagerProjectDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dataSourceSchema()
}

func (d *cloudManagerProjectDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, ok := d.Begin(ctx, req.ProviderMeta, "data.mongodbatlas_cloud_manager_project", providerdata.OpRead, &resp.Diagnostics)
	if !ok {
		return
	}
	var cfg dataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var p *atlas.CloudManagerProject
	var err error
	what := ""
	if id := cfg.ProjectID.ValueString(); id != "" {
		what = "Project " + id
		p, err = d.Client.GetCloudManagerProject(ctx, id)
	} else {
		what = fmt.Sprintf("The project named %q", cfg.Name.ValueString())
		p, err = d.Client.GetCloudManagerProjectByName(ctx, cfg.Name.ValueString())
	}
	if err != nil {
		summary := fmt.Sprintf("Reading Cloud Manager project %s failed", cfg.ProjectID.ValueString())
		if cfg.ProjectID.ValueString() == "" {
			summary = fmt.Sprintf("Reading Cloud Manager project named %q failed", cfg.Name.ValueString())
		}
		detail := fmt.Sprintf("%s\n\n%s", err, hint(err))
		switch {
		case atlas.HasErrorCode(err, "ATLAS_GROUP"):
			detail = atlasMixUp(what)
		case atlas.IsNotFound(err) && atlas.HasErrorCode(err, "GROUP_NOT_FOUND", "GROUP_NAME_NOT_FOUND", "INVALID_GROUP_ID"):
			detail = err.Error() + "\n\nCheck the id or name, that the credentials can see the project, and that cloud_manager_base_url points at the right Cloud Manager or Ops Manager host."
		}
		resp.Diagnostics.AddError(summary, detail)
		return
	}
	state := dataSourceModel{
		ProjectID:     types.StringValue(p.ID),
		Name:          types.StringValue(p.Name),
		ID:            types.StringValue(p.ID),
		OrgID:         types.StringValue(p.OrgID),
		computedModel: computedFromAPI(p, types.StringNull()),
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
