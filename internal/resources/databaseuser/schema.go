package databaseuser

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/validate"
)

var (
	labelAttrTypes = map[string]attr.Type{"key": types.StringType, "value": types.StringType}
	roleAttrTypes  = map[string]attr.Type{"collection_name": types.StringType, "database_name": types.StringType, "role_name": types.StringType}
	scopeAttrTypes = map[string]attr.Type{"name": types.StringType, "type": types.StringType}

	labelType = types.ObjectType{AttrTypes: labelAttrTypes}
	roleType  = types.ObjectType{AttrTypes: roleAttrTypes}
	scopeType = types.ObjectType{AttrTypes: scopeAttrTypes}
)

// authKinds are the authentication attributes and the values Atlas accepts.
var authKinds = []struct {
	attr   string
	values []string
	doc    string
}{
	{"x509_type", []string{"NONE", "MANAGED", "CUSTOMER"}, "X.509 authentication: `NONE` (default), `MANAGED` (Atlas-managed certificates) or `CUSTOMER` (self-managed; the user name is the certificate's distinguished name)."},
	{"aws_iam_type", []string{"NONE", "USER", "ROLE"}, "AWS IAM authentication: `NONE` (default), `USER` or `ROLE`; the user name is the IAM ARN."},
	{"ldap_auth_type", []string{"NONE", "USER", "GROUP"}, "LDAP authentication: `NONE` (default), `USER` or `GROUP`; the user name is the distinguished name."},
	{"oidc_auth_type", []string{"NONE", "IDP_GROUP", "USER"}, "OIDC federated authentication: `NONE` (default), `IDP_GROUP` (workforce, auth database `admin`) or `USER` (workload, auth database `$external`); the user name is `<IdP id>/<name>`."},
}

func resourceSchema() schema.Schema {
	attrs := map[string]schema.Attribute{
		"project_id": schema.StringAttribute{Required: true,
			MarkdownDescription: "Id of the project the user belongs to. Changing it replaces the user.",
			Validators:          []validator.String{validate.HexID()},
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()}},
		"username": schema.StringAttribute{Required: true,
			MarkdownDescription: "User name; its form depends on the authentication kind (see the authentication attributes). Changing it replaces the user.",
			Validators:          []validator.String{stringvalidator.LengthBetween(1, 1024)},
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()}},
		"auth_database_name": schema.StringAttribute{Required: true,
			MarkdownDescription: "Database the user authenticates against: `admin` for SCRAM passwords and OIDC workforce groups, `$external` for X.509, LDAP, AWS IAM and OIDC workload users. Changing it replaces the user.",
			Validators:          []validator.String{stringvalidator.OneOf("admin", "$external")},
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()}},
		"password": schema.StringAttribute{Optional: true, Sensitive: true,
			MarkdownDescription: "SCRAM password (at least 8 characters). Stored in the Terraform state; prefer `password_wo`. Atlas never returns it, so a password changed outside Terraform is not detected.",
			Validators: []validator.String{stringvalidator.LengthAtLeast(8),
				stringvalidator.ConflictsWith(path.MatchRoot("password_wo"))}},
		"password_wo": schema.StringAttribute{Optional: true, Sensitive: true, WriteOnly: true,
			MarkdownDescription: "SCRAM password (at least 8 characters) that never reaches the plan or the state (write-only, Terraform 1.11 and later). " +
				"Sent when the user is created and whenever `password_wo_version` changes.",
			Validators: []validator.String{stringvalidator.LengthAtLeast(8)}},
		"password_wo_version": schema.Int64Attribute{Optional: true,
			MarkdownDescription: "Change this number to send `password_wo` again, which sets the new password."},
		"description": schema.StringAttribute{Optional: true,
			MarkdownDescription: "Description of the user (at most 100 characters).",
			Validators:          []validator.String{stringvalidator.LengthAtMost(100)}},
		"id": schema.StringAttribute{Computed: true,
			MarkdownDescription: "Terraform id, encoded like the official provider's from the project id, user name and authentication database.",
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
	}
	for _, k := range authKinds {
		attrs[k.attr] = schema.StringAttribute{Optional: true, Computed: true,
			MarkdownDescription: k.doc + " Atlas cannot change it on an existing user, so a change replaces the user.",
			Validators:          []validator.String{stringvalidator.OneOf(k.values...)},
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()}}
	}
	return schema.Schema{
		MarkdownDescription: "Manages a database user of an Atlas project: the identity an application or person connects to the project's clusters with.",
		Attributes:          attrs,
		Blocks: map[string]schema.Block{
			"roles": schema.SetNestedBlock{
				MarkdownDescription: "Roles granted to the user; at least one.",
				NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
					"role_name": schema.StringAttribute{Required: true,
						MarkdownDescription: "Built-in role (`atlasAdmin`, `readWriteAnyDatabase`, `readAnyDatabase`, `readWrite`, `read`, `dbAdmin`, ...) or a custom role's name."},
					"database_name": schema.StringAttribute{Required: true,
						MarkdownDescription: "Database the role applies to; `admin` for the cluster-wide roles."},
					"collection_name": schema.StringAttribute{Optional: true,
						MarkdownDescription: "Collection the role applies to (only `read` and `readWrite`)."},
				}},
			},
			"scopes": schema.SetNestedBlock{
				MarkdownDescription: "Clusters, data lakes or stream workspaces the user may reach. Without any, the user reaches every one in the project.",
				NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
					"name": schema.StringAttribute{Optional: true, MarkdownDescription: "Name of the cluster, data lake or stream workspace."},
					"type": schema.StringAttribute{Optional: true, MarkdownDescription: "`CLUSTER`, `DATA_LAKE` or `STREAM`.",
						Validators: []validator.String{stringvalidator.OneOf("CLUSTER", "DATA_LAKE", "STREAM")}},
				}},
			},
			"labels": schema.SetNestedBlock{
				MarkdownDescription: "Key-value labels (not shown in the Atlas UI).",
				NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
					"key": schema.StringAttribute{Optional: true, Computed: true, MarkdownDescription: "Label key (1 to 255 characters).",
						Validators: []validator.String{stringvalidator.LengthBetween(1, 255)}},
					"value": schema.StringAttribute{Optional: true, Computed: true, MarkdownDescription: "Label value (1 to 255 characters).",
						Validators: []validator.String{stringvalidator.LengthBetween(1, 255)}},
				}},
			},
		},
	}
}

// userAttributes are the data sources' view of one user. nested builds the
// roles, scopes and labels attributes (a list in the single data source and a
// set in the plural one, as in the official provider).
func userAttributes(nested func(desc string, attrs map[string]dsschema.Attribute) dsschema.Attribute) map[string]dsschema.Attribute {
	computed := func(desc string) dsschema.Attribute {
		return dsschema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	return map[string]dsschema.Attribute{
		"project_id":         computed("Id of the project."),
		"username":           computed("User name."),
		"auth_database_name": computed("`admin` or `$external`."),
		"x509_type":          computed("X.509 authentication kind."),
		"aws_iam_type":       computed("AWS IAM authentication kind."),
		"ldap_auth_type":     computed("LDAP authentication kind."),
		"oidc_auth_type":     computed("OIDC authentication kind."),
		"description":        computed("Description of the user."),
		"id":                 computed("Terraform id of the user."),
		"roles": nested("Roles granted to the user.", map[string]dsschema.Attribute{
			"role_name": computed("Role name."), "database_name": computed("Database."), "collection_name": computed("Collection."),
		}),
		"scopes": nested("Clusters, data lakes or stream workspaces the user may reach.", map[string]dsschema.Attribute{
			"name": computed("Name."), "type": computed("`CLUSTER`, `DATA_LAKE` or `STREAM`."),
		}),
		"labels": nested("Key-value labels.", map[string]dsschema.Attribute{
			"key": computed("Label key."), "value": computed("Label value."),
		}),
	}
}

func listNested(desc string, attrs map[string]dsschema.Attribute) dsschema.Attribute {
	return dsschema.ListNestedAttribute{Computed: true, MarkdownDescription: desc,
		NestedObject: dsschema.NestedAttributeObject{Attributes: attrs}}
}

func setNested(desc string, attrs map[string]dsschema.Attribute) dsschema.Attribute {
	return dsschema.SetNestedAttribute{Computed: true, MarkdownDescription: desc,
		NestedObject: dsschema.NestedAttributeObject{Attributes: attrs}}
}
