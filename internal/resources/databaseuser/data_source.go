package databaseuser

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/providerdata"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/validate"
)

var _ datasource.DataSourceWithConfigure = (*userDataSource)(nil)

type userDataSource struct {
	providerdata.DataSourceBase
}

// NewDataSource is the mongodbatlas_database_user data source constructor.
func NewDataSource() datasource.DataSource { return &userDataSource{} }

func (d *userDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_database_user"
}

func (d *userDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := userAttributes(listNested)
	attrs["project_id"] = schema.StringAttribute{Required: true, MarkdownDescription: "Id of the project.",
		Validators: []validator.String{validate.HexID()}}
	attrs["username"] = schema.StringAttribute{Required: true, MarkdownDescription: "User name."}
	attrs["auth_database_name"] = schema.StringAttribute{Required: true, MarkdownDescription: "`admin` or `$external`.",
		Validators: []validator.String{stringvalidator.OneOf("admin", "$external")}}
	resp.Schema = schema.Schema{MarkdownDescription: "Reads one database user of an Atlas project.", Attributes: attrs}
}

func (d *userDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, ok := d.Begin(ctx, req.ProviderMeta, "data.mongodbatlas_database_user", providerdata.OpRead, &resp.Diagnostics)
	if !ok {
		return
	}
	var cfg listUserModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, username, db := cfg.ProjectID.ValueString(), cfg.Username.ValueString(), cfg.AuthDatabaseName.ValueString()
	u, err := d.Client.GetDatabaseUser(ctx, projectID, db, username)
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("Reading database user %q (%s) in project %s failed", username, db, projectID), atlas.WithHint(err))
		return
	}
	out := newListUserModel(projectID, u)
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}
