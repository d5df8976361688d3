package serverlessinstance

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/providerdata"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/validate"
)

// instanceAttributes are the computed attributes of one instance in the data
// sources. The official schema marks a few optional; they keep that flag.
func instanceAttributes() map[string]schema.Attribute {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	return map[string]schema.Attribute{
		"id": computed("Terraform id, `{project_id}` and `{name}` encoded as the official provider does."),
		"provider_settings_backing_provider_name": computed("`AWS`, `AZURE` or `GCP`."),
		"provider_settings_provider_name":         computed("`SERVERLESS`, or `FLEX` when only the flex API still answers for the instance."),
		"provider_settings_region_name":           computed("Atlas region name."),
		"connection_strings_standard_srv":         computed("`mongodb+srv://` connection string."),
		"connection_strings_private_endpoint_srv": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Private endpoint connection strings."},
		"create_date":                    computed("When the instance was created."),
		"mongo_db_version":               computed("MongoDB version."),
		"state_name":                     schema.StringAttribute{Optional: true, Computed: true, MarkdownDescription: "Atlas state."},
		"termination_protection_enabled": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether termination protection is on."},
		"continuous_backup_enabled":      schema.BoolAttribute{Optional: true, Computed: true, DeprecationMessage: "Ignored by Atlas for flex-backed instances.", MarkdownDescription: "Continuous backup (always false for flex-backed instances)."},
		"auto_indexing":                  schema.BoolAttribute{Optional: true, Computed: true, DeprecationMessage: "No longer reported by Atlas.", MarkdownDescription: "Not reported any more; always null."},
		"tags":                           schema.SetAttribute{Computed: true, ElementType: tagType, MarkdownDescription: "Key-value tags."},
	}
}

func linksBlock() schema.SetNestedBlock {
	return schema.SetNestedBlock{
		MarkdownDescription: "Always empty; kept for compatibility.",
		NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
			"href": schema.StringAttribute{Computed: true, MarkdownDescription: "Link target."},
			"rel":  schema.StringAttribute{Computed: true, MarkdownDescription: "Link relation."},
		}},
	}
}

var _ datasource.DataSourceWithConfigure = (*serverlessDataSource)(nil)

type serverlessDataSource struct {
	providerdata.DataSourceBase
}

// NewDataSource is the mongodbatlas_serverless_instance data source constructor.
func NewDataSource() datasource.DataSource { return &serverlessDataSource{} }

func (d *serverlessDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_serverless_instance"
}

func (d *serverlessDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := instanceAttributes()
	attrs["project_id"] = schema.StringAttribute{Required: true, MarkdownDescription: "Id of the project.", Validators: []validator.String{validate.HexID()}}
	attrs["name"] = schema.StringAttribute{Required: true, MarkdownDescription: "Name of the instance."}
	resp.Schema = schema.Schema{
		DeprecationMessage:  Deprecation,
		MarkdownDescription: "Reads one serverless instance through the serverless API, or the flex API once the serverless API no longer answers for it. **Deprecated**: " + Deprecation,
		Attributes:          attrs,
		Blocks:              map[string]schema.Block{"links": linksBlock()},
	}
}

func (d *serverlessDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, ok := d.Begin(ctx, req.ProviderMeta, "data.mongodbatlas_serverless_instance", providerdata.OpRead, &resp.Diagnostics)
	if !ok {
		return
	}
	var cfg instanceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, name := cfg.ProjectID.ValueString(), cfg.Name.ValueString()
	summary := fmt.Sprintf("Reading serverless instance %q in project %s failed", name, projectID)
	inst, err := find(ctx, d.Client, projectID, name, "")
	switch {
	case errors.Is(err, errNotFound):
		resp.Diagnostics.AddError(summary, "Neither the serverless nor the flex API knows this instance.")
		return
	case err != nil:
		resp.Diagnostics.AddError(summary, atlas.WithHint(err))
		return
	case inst.backend() == backendCluster:
		resp.Diagnostics.AddError(summary, migratedToClusterAdvice(projectID, name))
		return
	}
	var out instanceModel
	out.apply(projectID, inst, nil)
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}

// resultType is one element of mongodbatlas_serverless_instances.results.
var resultType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id": types.StringType, "project_id": types.StringType, "name": types.StringType,
	"provider_settings_backing_provider_name": types.StringType, "provider_settings_provider_name": types.StringType,
	"provider_settings_region_name": types.StringType, "connection_strings_standard_srv": types.StringType,
	"connection_strings_private_endpoint_srv": types.ListType{ElemType: types.StringType},
	"create_date": types.StringType, "mongo_db_version": types.StringType, "state_name": types.StringType,
	"termination_protection_enabled": types.BoolType, "continuous_backup_enabled": types.BoolType, "auto_indexing": types.BoolType,
	"links": types.SetType{ElemType: linkType}, "tags": types.SetType{ElemType: tagType},
}}

var _ datasource.DataSourceWithConfigure = (*serverlessInstancesDataSource)(nil)

type serverlessInstancesDataSource struct {
	providerdata.DataSourceBase
}

// NewPluralDataSource is the mongodbatlas_serverless_instances data source constructor.
func NewPluralDataSource() datasource.DataSource { return &serverlessInstancesDataSource{} }

type instancesModel struct {
	ID        types.String `tfsdk:"id"`
	ProjectID types.String `tfsdk:"project_id"`
	Results   types.List   `tfsdk:"results"`
}

func (d *serverlessInstancesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_serverless_instances"
}

func (d *serverlessInstancesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		DeprecationMessage: Deprecation,
		MarkdownDescription: "Lists the serverless instances of a project. Atlas's serverless list stopped showing flex-backed instances in " +
			"January 2026, so the project's flex clusters are included too. **Deprecated**: " + Deprecation,
		Attributes: map[string]schema.Attribute{
			"id":         schema.StringAttribute{Optional: true, Computed: true, MarkdownDescription: "Identifier of the data source."},
			"project_id": schema.StringAttribute{Required: true, MarkdownDescription: "Id of the project.", Validators: []validator.String{validate.HexID()}},
			"results":    schema.ListAttribute{Computed: true, ElementType: resultType, MarkdownDescription: "The instances; `id` is Atlas's id here."},
		},
	}
}

func (d *serverlessInstancesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, ok := d.Begin(ctx, req.ProviderMeta, "data.mongodbatlas_serverless_instances", providerdata.OpRead, &resp.Diagnostics)
	if !ok {
		return
	}
	var cfg instancesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID := cfg.ProjectID.ValueString()
	instances, err := listInstances(ctx, d.Client, projectID)
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("Listing the serverless instances of project %s failed", projectID), atlas.WithHint(err))
		return
	}
	elems := make([]attr.Value, 0, len(instances))
	for _, inst := range instances {
		var m instanceModel
		m.apply(projectID, inst, nil)
		m.ID = types.StringValue(atlasID(inst)) // the official results carry Atlas's id, not the encoded one
		obj, diags := types.ObjectValueFrom(ctx, resultType.AttrTypes, m)
		resp.Diagnostics.Append(diags...)
		elems = append(elems, obj)
	}
	cfg.Results = types.ListValueMust(resultType, elems)
	if cfg.ID.IsNull() || cfg.ID.IsUnknown() {
		cfg.ID = types.StringValue(projectID)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}

// listInstances lists what the serverless API lists while it answers, plus the
// project's flex clusters it does not (Atlas stopped listing flex-backed
// instances in January 2026).
func listInstances(ctx context.Context, client *atlas.Client, projectID string) ([]*instance, error) {
	var out []*instance
	seen := map[string]bool{}
	list, err := client.ListServerlessInstances(ctx, projectID)
	if err != nil && !atlas.IsEndpointGone(err) {
		return nil, err
	}
	for i := range list {
		out = append(out, &instance{serverless: &list[i]})
		seen[list[i].Name] = true
	}
	flex, err := client.ListFlexClusters(ctx, projectID)
	if err != nil {
		return nil, err
	}
	for i := range flex {
		if !seen[flex[i].Name] {
			out = append(out, &instance{flex: &flex[i]})
		}
	}
	return out, nil
}

func atlasID(inst *instance) string {
	if inst.serverless != nil {
		return inst.serverless.ID
	}
	return inst.flex.ID
}
