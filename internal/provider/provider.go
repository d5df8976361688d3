// Package provider implements the mongodbatlas provider: its configuration,
// credential resolution and the single API client every resource shares.
package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/cloudmanagerproject"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/databaseuser"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/flexcluster"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/project"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/projectipaccesslist"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/providerdata"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/serverlessinstance"
)

// govBaseURL is Atlas for Government.
const govBaseURL = "https://cloud.mongodbgov.com/"

var (
	_ provider.Provider                  = (*mongodbatlasProvider)(nil)
	_ provider.ProviderWithMetaSchema    = (*mongodbatlasProvider)(nil)
	_ provider.ProviderWithListResources = (*mongodbatlasProvider)(nil)
)

type mongodbatlasProvider struct {
	version string
}

// New returns a constructor for the provider, as providerserver expects.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &mongodbatlasProvider{version: version} }
}

type providerModel struct {
	PublicKey           types.String `tfsdk:"public_key"`
	PrivateKey          types.String `tfsdk:"private_key"`
	ClientID            types.String `tfsdk:"client_id"`
	ClientSecret        types.String `tfsdk:"client_secret"`
	AccessToken         types.String `tfsdk:"access_token"`
	BaseURL             types.String `tfsdk:"base_url"`
	CloudManagerBaseURL types.String `tfsdk:"cloud_manager_base_url"`
	CloudManagerHTTP    types.Bool   `tfsdk:"cloud_manager_allow_insecure_http"`
	IsMongoDBGovCloud   types.Bool   `tfsdk:"is_mongodbgov_cloud"`
	RealmBaseURL        types.String `tfsdk:"realm_base_url"`

	// Accepted for configuration compatibility with the official provider;
	// reading credentials from AWS Secrets Manager is not supported.
	SecretName         types.String `tfsdk:"secret_name"`
	Region             types.String `tfsdk:"region"`
	STSEndpoint        types.String `tfsdk:"sts_endpoint"`
	AWSAccessKeyID     types.String `tfsdk:"aws_access_key_id"`
	AWSSecretAccessKey types.String `tfsdk:"aws_secret_access_key"`
	AWSSessionToken    types.String `tfsdk:"aws_session_token"`
	AssumeRole         []struct {
		RoleARN types.String `tfsdk:"role_arn"`
	} `tfsdk:"assume_role"`
}

func (p *mongodbatlasProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "mongodbatlas"
	resp.Version = p.version
}

func (p *mongodbatlasProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	awsUnsupported := "Accepted so configurations written for the official provider still parse; " +
		"reading credentials from AWS Secrets Manager is not supported by this provider and setting it is an error."
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages MongoDB Atlas projects, flex clusters and serverless instances, and Cloud Manager / Ops Manager projects.",
		Attributes: map[string]schema.Attribute{
			"public_key": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Public part of a programmatic API key (HTTP Digest). Environment: `MONGODB_ATLAS_PUBLIC_API_KEY`, `MONGODB_ATLAS_PUBLIC_KEY`, `MCLI_PUBLIC_API_KEY`."},
			"private_key": schema.StringAttribute{Optional: true, Sensitive: true,
				MarkdownDescription: "Private part of a programmatic API key. Environment: `MONGODB_ATLAS_PRIVATE_API_KEY`, `MONGODB_ATLAS_PRIVATE_KEY`, `MCLI_PRIVATE_API_KEY`."},
			"client_id": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Service account client id (OAuth 2.0 client credentials). Environment: `MONGODB_ATLAS_CLIENT_ID`."},
			"client_secret": schema.StringAttribute{Optional: true, Sensitive: true,
				MarkdownDescription: "Service account client secret. Environment: `MONGODB_ATLAS_CLIENT_SECRET`."},
			"access_token": schema.StringAttribute{Optional: true, Sensitive: true,
				MarkdownDescription: "An OAuth access token used as a Bearer token as-is. Environment: `MONGODB_ATLAS_ACCESS_TOKEN`."},
			"base_url": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Atlas base URL (the host root, not the API path), default `https://cloud.mongodb.com/`. Plain `http://` is accepted only for loopback hosts (a local simulator). Environment: `MONGODB_ATLAS_BASE_URL`, `MCLI_OPS_MANAGER_URL`."},
			"cloud_manager_base_url": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Cloud Manager or Ops Manager base URL (the host root, such as `https://opsmanager.example.com:8443/`) for `mongodbatlas_cloud_manager_project`, default `https://cloud.mongodb.com/`. " +
					"Plain `http://` needs `cloud_manager_allow_insecure_http` unless the host is a loopback address. Environment: `MONGODB_CLOUD_MANAGER_BASE_URL`."},
			"cloud_manager_allow_insecure_http": schema.BoolAttribute{Optional: true,
				MarkdownDescription: "Accept a plain `http://` `cloud_manager_base_url` whose host is not a loopback address, for an Ops Manager that only serves HTTP " +
					"(its default is `http://<host>:8080`). Off by default: requests and answers, such as the project's agent API key, then cross the network unencrypted, " +
					"and every plan warns about it. Needs a programmatic API key (HTTP Digest never sends the private key); it never applies to `base_url`. " +
					"Environment: `MONGODB_CLOUD_MANAGER_ALLOW_INSECURE_HTTP`."},
			"is_mongodbgov_cloud": schema.BoolAttribute{Optional: true,
				MarkdownDescription: "Use Atlas for Government (`https://cloud.mongodbgov.com/`) when `base_url` is not set."},
			"realm_base_url": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Accepted for compatibility with the official provider; no resource of this provider uses App Services, so it is ignored."},
			"secret_name":           schema.StringAttribute{Optional: true, MarkdownDescription: awsUnsupported},
			"region":                schema.StringAttribute{Optional: true, MarkdownDescription: awsUnsupported},
			"sts_endpoint":          schema.StringAttribute{Optional: true, MarkdownDescription: awsUnsupported},
			"aws_access_key_id":     schema.StringAttribute{Optional: true, MarkdownDescription: awsUnsupported},
			"aws_secret_access_key": schema.StringAttribute{Optional: true, Sensitive: true, MarkdownDescription: awsUnsupported},
			"aws_session_token":     schema.StringAttribute{Optional: true, Sensitive: true, MarkdownDescription: awsUnsupported},
		},
		Blocks: map[string]schema.Block{
			"assume_role": schema.ListNestedBlock{
				MarkdownDescription: awsUnsupported,
				NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
					"role_arn": schema.StringAttribute{Optional: true, MarkdownDescription: awsUnsupported},
				}},
			},
		},
	}
}

// MetaSchema accepts the official provider's provider_meta block, which MongoDB's own
// modules declare; its values go into the User-Agent of the module's requests.
func (p *mongodbatlasProvider) MetaSchema(_ context.Context, _ provider.MetaSchemaRequest, resp *provider.MetaSchemaResponse) {
	resp.Schema = providerdata.MetaSchema()
}

func (p *mongodbatlasProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if hasUnknown(cfg) {
		// Values computed during apply: resources report "provider not configured" if they are used before then.
		return
	}
	if attr := awsSecretsManagerAttribute(cfg); attr != "" {
		resp.Diagnostics.AddAttributeError(attributePath(attr), "AWS Secrets Manager is not supported",
			fmt.Sprintf("%s asks the provider to read credentials from AWS Secrets Manager, which this provider does not do. "+
				"Read the secret in your pipeline and pass the values as provider attributes or MONGODB_ATLAS_* environment variables, "+
				"then remove %s.", attr, attr))
		return
	}
	if !cfg.RealmBaseURL.IsNull() {
		resp.Diagnostics.AddAttributeWarning(attributePath("realm_base_url"), "realm_base_url is ignored",
			"No resource of this provider uses App Services; remove realm_base_url.")
	}

	client, diags := p.newClient(ctx, cfg, req.TerraformVersion)
	resp.Diagnostics.Append(diags...)
	if client == nil {
		return
	}
	resp.ResourceData = client
	resp.DataSourceData = client
	resp.ListResourceData = client
}

func (p *mongodbatlasProvider) newClient(ctx context.Context, cfg providerModel, terraformVersion string) (*atlas.Client, diag.Diagnostics) {
	var diags diag.Diagnostics
	choice, problem := chooseCredentials(
		resolve(settingAccessToken, cfg.AccessToken, osGetenv),
		resolve(settingClientID, cfg.ClientID, osGetenv),
		resolve(settingClientSecret, cfg.ClientSecret, osGetenv),
		resolve(settingPublicKey, cfg.PublicKey, osGetenv),
		resolve(settingPrivateKey, cfg.PrivateKey, osGetenv),
	)
	if problem != nil {
		diags.AddAttributeError(attributePath(problem.attribute), problem.summary, problem.detail)
		return nil, diags
	}
	for _, w := range choice.warnings {
		diags.AddWarning("Several kinds of credentials are set", w)
	}

	baseURL := resolve(settingBaseURL, cfg.BaseURL, osGetenv).value
	if baseURL == "" && cfg.IsMongoDBGovCloud.ValueBool() {
		baseURL = govBaseURL
	}
	allowHTTP, problem := resolveBool(settingCMAllowHTTP, cfg.CloudManagerHTTP, osGetenv)
	if problem != nil {
		diags.AddAttributeError(attributePath(problem.attribute), problem.summary, problem.detail)
		return nil, diags
	}
	client, err := atlas.NewClient(atlas.Config{
		BaseURL:                       baseURL,
		CloudManagerBaseURL:           resolve(settingCMBaseURL, cfg.CloudManagerBaseURL, osGetenv).value,
		CloudManagerAllowInsecureHTTP: allowHTTP,
		Credentials:                   choice.credentials,
		UserAgent:                     fmt.Sprintf("terraform-provider-mongodbatlas/%s Terraform/%s", p.version, terraformVersion),
	})
	if err != nil {
		var cfgErr *atlas.ConfigError
		if errors.As(err, &cfgErr) {
			diags.AddAttributeError(attributePath(cfgErr.Field), "Invalid provider configuration", err.Error())
		} else {
			diags.AddError("Invalid provider configuration", err.Error())
		}
		return nil, diags
	}
	if client.CloudManagerInsecureHTTP() {
		diags.AddAttributeWarning(attributePath(settingCMAllowHTTP.attribute), "Cloud Manager traffic is not encrypted", insecureHTTPWarning(client.CloudManagerBaseURL()))
	}
	if err := client.Verify(ctx); err != nil {
		diags.AddError(tokenFailure(err))
		return nil, diags
	}
	tflog.Debug(ctx, "configured MongoDB Atlas client", map[string]any{"auth": choice.method})
	return client, diags
}

func hasUnknown(cfg providerModel) bool {
	for _, v := range []types.String{cfg.PublicKey, cfg.PrivateKey, cfg.ClientID, cfg.ClientSecret, cfg.AccessToken, cfg.BaseURL, cfg.CloudManagerBaseURL} {
		if v.IsUnknown() {
			return true
		}
	}
	return cfg.IsMongoDBGovCloud.IsUnknown() || cfg.CloudManagerHTTP.IsUnknown()
}

// awsSecretsManagerAttribute names the first AWS Secrets Manager option that is set.
func awsSecretsManagerAttribute(cfg providerModel) string {
	if len(cfg.AssumeRole) > 0 {
		return "assume_role"
	}
	options := []struct {
		name  string
		value types.String
	}{
		{"secret_name", cfg.SecretName}, {"region", cfg.Region}, {"sts_endpoint", cfg.STSEndpoint},
		{"aws_access_key_id", cfg.AWSAccessKeyID}, {"aws_secret_access_key", cfg.AWSSecretAccessKey}, {"aws_session_token", cfg.AWSSessionToken},
	}
	for _, o := range options {
		if !o.value.IsNull() {
			return o.name
		}
	}
	return ""
}

func (p *mongodbatlasProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		project.NewResource,
		flexcluster.NewResource,
		serverlessinstance.NewResource,
		cloudmanagerproject.NewResource,
		databaseuser.NewResource,
		projectipaccesslist.NewResource,
	}
}

// ListResources serve `terraform query` (Terraform 1.14+).
func (p *mongodbatlasProvider) ListResources(context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		project.NewListResource,
		flexcluster.NewListResource,
		serverlessinstance.NewListResource,
		cloudmanagerproject.NewListResource,
	}
}

func (p *mongodbatlasProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		project.NewDataSource,
		project.NewPluralDataSource,
		flexcluster.NewDataSource,
		flexcluster.NewPluralDataSource,
		serverlessinstance.NewDataSource,
		serverlessinstance.NewPluralDataSource,
		cloudmanagerproject.NewDataSource,
		databaseuser.NewDataSource,
		databaseuser.NewPluralDataSource,
		projectipaccesslist.NewDataSource,
		projectipaccesslist.NewPluralDataSource,
	}
}
