package project

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/providerdata"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/tags"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/tfvalue"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/validate"
)

var (
	dataSourceTeamType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"team_id":    types.StringType,
		"role_names": types.ListType{ElemType: types.StringType},
	}}
	userType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"id": types.StringType, "username": types.StringType, "first_name": types.StringType, "last_name": types.StringType,
		"country": types.StringType, "mobile_number": types.StringType, "org_membership_status": types.StringType,
		"created_at": types.StringType, "last_auth": types.StringType, "invitation_created_at": types.StringType,
		"invitation_expires_at": types.StringType, "inviter_username": types.StringType,
		"roles": types.SetType{ElemType: types.StringType},
	}}
)

// projectDetails is one project as the data sources show it.
type projectDetails struct {
	ProjectID                          types.String `tfsdk:"project_id"`
	Name                               types.String `tfsdk:"name"`
	ID                                 types.String `tfsdk:"id"`
	OrgID                              types.String `tfsdk:"org_id"`
	ClusterCount                       types.Int64  `tfsdk:"cluster_count"`
	Created                            types.String `tfsdk:"created"`
	IsSlowOperationThresholdingEnabled types.Bool   `tfsdk:"is_slow_operation_thresholding_enabled"`
	RegionUsageRestrictions            types.String `tfsdk:"region_usage_restrictions"`
	Tags                               types.Map    `tfsdk:"tags"`
	IPAddresses                        types.Object `tfsdk:"ip_addresses"`
	Limits                             types.Set    `tfsdk:"limits"`
	Teams                              types.List   `tfsdk:"teams"`
	Users                              types.List   `tfsdk:"users"`
	settingsModel
}

// detailAttributes are the computed attributes shared by the singular data
// source and each result of the plural one.
func detailAttributes() map[string]schema.Attribute {
	attrs := map[string]schema.Attribute{
		"id":            schema.StringAttribute{Computed: true, MarkdownDescription: "The project id."},
		"org_id":        schema.StringAttribute{Computed: true, MarkdownDescription: "Id of the organization that owns the project."},
		"cluster_count": schema.Int64Attribute{Computed: true, MarkdownDescription: "Number of clusters in the project."},
		"created":       schema.StringAttribute{Computed: true, MarkdownDescription: "When the project was created (ISO 8601, UTC)."},
		"is_slow_operation_thresholding_enabled": schema.BoolAttribute{Computed: true, DeprecationMessage: "Deprecated by Atlas.",
			MarkdownDescription: "Whether Atlas manages the slow operation threshold. Deprecated."},
		"region_usage_restrictions": schema.StringAttribute{Computed: true, MarkdownDescription: "Atlas for Government region restriction, if any."},
		"tags":                      schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Key-value tags."},
		"ip_addresses": schema.SingleNestedAttribute{Computed: true, DeprecationMessage: "Deprecated by Atlas.",
			MarkdownDescription: "IP addresses that the project's clusters use. Deprecated.",
			Attributes: map[string]schema.Attribute{
				"services": schema.SingleNestedAttribute{Computed: true, MarkdownDescription: "IP addresses by service.",
					Attributes: map[string]schema.Attribute{
						"clusters": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "IP addresses of each cluster.",
							NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
								"cluster_name": schema.StringAttribute{Computed: true, MarkdownDescription: "Cluster name."},
								"inbound":      schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Inbound IP addresses."},
								"outbound":     schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Outbound IP addresses."},
							}}},
					}},
			}},
		"limits": schema.SetNestedAttribute{Computed: true, MarkdownDescription: "Every limit of the project.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"name":          schema.StringAttribute{Computed: true, MarkdownDescription: "Limit name."},
				"value":         schema.Int64Attribute{Computed: true, MarkdownDescription: "Current value."},
				"current_usage": schema.Int64Attribute{Computed: true, MarkdownDescription: "Current usage."},
				"default_limit": schema.Int64Attribute{Computed: true, MarkdownDescription: "Atlas's default."},
				"maximum_limit": schema.Int64Attribute{Computed: true, MarkdownDescription: "Highest value Atlas accepts."},
			}}},
		"teams": schema.ListNestedAttribute{Computed: true, DeprecationMessage: deprecatedTeams,
			MarkdownDescription: "Teams assigned to the project. " + deprecatedTeams,
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"team_id":    schema.StringAttribute{Computed: true, MarkdownDescription: "Team id."},
				"role_names": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Project roles of the team."},
			}}},
		"users": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "Users of the project.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"id":                    schema.StringAttribute{Computed: true, MarkdownDescription: "User id."},
				"username":              schema.StringAttribute{Computed: true, MarkdownDescription: "Username (email address)."},
				"first_name":            schema.StringAttribute{Computed: true, MarkdownDescription: "First name."},
				"last_name":             schema.StringAttribute{Computed: true, MarkdownDescription: "Last name."},
				"country":               schema.StringAttribute{Computed: true, MarkdownDescription: "Country code."},
				"mobile_number":         schema.StringAttribute{Computed: true, MarkdownDescription: "Mobile number."},
				"org_membership_status": schema.StringAttribute{Computed: true, MarkdownDescription: "`ACTIVE` or `PENDING`."},
				"created_at":            schema.StringAttribute{Computed: true, MarkdownDescription: "When the user was created."},
				"last_auth":             schema.StringAttribute{Computed: true, MarkdownDescription: "When the user last authenticated."},
				"invitation_created_at": schema.StringAttribute{Computed: true, MarkdownDescription: "When a pending invitation was sent."},
				"invitation_expires_at": schema.StringAttribute{Computed: true, MarkdownDescription: "When a pending invitation expires."},
				"inviter_username":      schema.StringAttribute{Computed: true, MarkdownDescription: "Who sent a pending invitation."},
				"roles":                 schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Project roles of the user."},
			}}},
	}
	for _, s := range settingAttributes {
		attrs[s.name] = schema.BoolAttribute{Computed: true, MarkdownDescription: s.description}
	}
	return attrs
}

var (
	_ datasource.DataSource              = (*projectDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*projectDataSource)(nil)
)

type projectDataSource struct {
	providerdata.DataSourceBase
}

// NewDataSource is the mongodbatlas_project data source constructor.
func NewDataSource() datasource.DataSource { return &projectDataSource{} }

func (d *projectDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project"
}

func (d *projectDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := detailAttributes()
	attrs["project_id"] = schema.StringAttribute{Optional: true,
		MarkdownDescription: "Id of the project to read. Set exactly one of `project_id` and `name`.",
		Validators: []validator.String{validate.HexID(),
			stringvalidator.ExactlyOneOf(path.MatchRoot("project_id"), path.MatchRoot("name"))}}
	attrs["name"] = schema.StringAttribute{Optional: true,
		MarkdownDescription: "Name of the project to read. Set exactly one of `project_id` and `name`."}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one Atlas project, by id or by name, with its settings, limits, teams and users.",
		Attributes:          attrs,
	}
}

func (d *projectDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, ok := d.Begin(ctx, req.ProviderMeta, "data.mongodbatlas_project", providerdata.OpRead, &resp.Diagnostics)
	if !ok {
		return
	}
	var cfg projectDetails
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var p *atlas.Project
	var err error
	what := ""
	if id := cfg.ProjectID.ValueString(); id != "" {
		what = "project " + id
		p, err = d.Client.GetProject(ctx, id)
	} else {
		what = fmt.Sprintf("project named %q", cfg.Name.ValueString())
		p, err = d.Client.GetProjectByName(ctx, cfg.Name.ValueString())
	}
	if err != nil {
		detail := atlas.WithHint(err)
		switch {
		case atlas.HasErrorCode(err, "NOT_ATLAS_GROUP"):
			detail = cloudManagerMixUp(cfg.ProjectID.ValueString())
		case atlas.IsNotFound(err):
			detail += "\n\nCheck the id or name, and that the credentials can see the project."
		}
		resp.Diagnostics.AddError("Reading "+what+" failed", detail)
		return
	}
	details, diags := readDetails(ctx, d.Client, p)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &details)...)
}

// readDetails fetches everything the data sources show about one project.
func readDetails(ctx context.Context, client *atlas.Client, p *atlas.Project) (projectDetails, diag.Diagnostics) {
	var diags diag.Diagnostics
	out := projectDetails{
		ProjectID:               types.StringValue(p.ID),
		Name:                    types.StringValue(p.Name),
		ID:                      types.StringValue(p.ID),
		OrgID:                   types.StringValue(p.OrgID),
		ClusterCount:            types.Int64Value(p.ClusterCount),
		Created:                 types.StringValue(p.Created),
		RegionUsageRestrictions: tfvalue.OptionalString(p.RegionUsageRestrictions),
		Tags:                    tags.ToMap(p.Tags),
	}
	fail := func(what string, err error) (projectDetails, diag.Diagnostics) {
		diags.AddError(fmt.Sprintf("Reading the %s of project %s failed", what, p.ID), atlas.WithHint(err))
		return out, diags
	}

	settings, err := client.GetProjectSettings(ctx, p.ID)
	if err != nil {
		return fail("settings", err)
	}
	out.settingsModel = settingsFromAPI(settings)

	limits, err := client.ListProjectLimits(ctx, p.ID)
	if err != nil {
		return fail("limits", err)
	}
	out.Limits = limitsFromAPI(limits, nil)

	teams, err := client.ListProjectTeams(ctx, p.ID)
	if err != nil {
		return fail("teams", err)
	}
	teamList, d := teamsFromAPI(teams, dataSourceTeamType, false)
	diags.Append(d...)
	out.Teams = teamList.(types.List)

	users, err := client.ListProjectUsers(ctx, p.ID)
	if err != nil {
		return fail("users", err)
	}
	out.Users = usersValue(users)

	if p.ClusterCount == 0 {
		out.IPAddresses = ipAddressesValue(nil)
	} else {
		ips, err := client.GetProjectIPAddresses(ctx, p.ID)
		if err != nil {
			return fail("IP addresses", err)
		}
		out.IPAddresses = ipAddressesValue(ips.Clusters)
	}

	slowMs, err := client.GetManagedSlowMs(ctx, p.ID)
	if err != nil {
		return fail("managed slow operation threshold", err)
	}
	out.IsSlowOperationThresholdingEnabled = types.BoolValue(slowMs)
	return out, diags
}

func usersValue(users []atlas.ProjectUser) types.List {
	elems := make([]attr.Value, 0, len(users))
	for _, u := range users {
		roles := make([]attr.Value, 0, len(u.Roles))
		for _, r := range u.Roles {
			roles = append(roles, types.StringValue(r))
		}
		elems = append(elems, types.ObjectValueMust(userType.AttrTypes, map[string]attr.Value{
			"id": types.StringValue(u.ID), "username": types.StringValue(u.Username),
			"first_name": tfvalue.OptionalString(u.FirstName), "last_name": tfvalue.OptionalString(u.LastName),
			"country": tfvalue.OptionalString(u.Country), "mobile_number": tfvalue.OptionalString(u.MobileNumber),
			"org_membership_status": tfvalue.OptionalString(u.OrgMembershipStatus), "created_at": tfvalue.OptionalString(u.CreatedAt),
			"last_auth": tfvalue.OptionalString(u.LastAuth), "invitation_created_at": tfvalue.OptionalString(u.InvitationCreatedAt),
			"invitation_expires_at": tfvalue.OptionalString(u.InvitationExpiresAt), "inviter_username": tfvalue.OptionalString(u.InviterUsername),
			"roles": types.SetValueMust(types.StringType, roles),
		}))
	}
	return types.ListValueMust(userType, elems)
}
