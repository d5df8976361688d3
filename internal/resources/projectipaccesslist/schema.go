package projectipaccesslist

import (
	"context"
	"fmt"
	"net/netip"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/validate"
)

// securityGroup is an AWS security group id, optionally prefixed by the AWS account id.
var securityGroup = regexp.MustCompile(`^([0-9]{12}/)?sg-([0-9a-f]{8}|[0-9a-f]{17})$`)

const (
	ipAddressDoc = "Single IP address (IPv4 or IPv6) to add to the access list. Exactly one of `ip_address`, `cidr_block` and `aws_security_group`. " +
		"Atlas also reports it as a `/32` (or `/128`) `cidr_block`. Changing it replaces the entry."
	cidrBlockDoc = "Range of IP addresses in CIDR notation, for example `10.0.0.0/16` (the address part must be the first of the range). " +
		"Exactly one of `ip_address`, `cidr_block` and `aws_security_group`. Changing it replaces the entry."
	securityGroupDoc = "AWS security group id (`sg-...`) whose members may connect; the project needs VPC peering. " +
		"Exactly one of `ip_address`, `cidr_block` and `aws_security_group`. Changing it replaces the entry."
)

func resourceSchema(ctx context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Adds one entry to an Atlas project's IP access list: the addresses its clusters accept connections from. " +
			"The create waits until Atlas reports the entry `ACTIVE` on every cloud provider.",
		Attributes: map[string]schema.Attribute{
			"project_id": schema.StringAttribute{Required: true,
				MarkdownDescription: "Id of the project. Changing it replaces the entry.",
				Validators:          []validator.String{validate.HexID()},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()}},
			"ip_address": schema.StringAttribute{Optional: true, Computed: true, MarkdownDescription: ipAddressDoc,
				Validators: []validator.String{addressValidator{}}},
			"cidr_block": schema.StringAttribute{Optional: true, Computed: true, MarkdownDescription: cidrBlockDoc,
				Validators: []validator.String{cidrValidator{}}},
			"aws_security_group": schema.StringAttribute{Optional: true, Computed: true, MarkdownDescription: securityGroupDoc,
				Validators: []validator.String{stringvalidator.RegexMatches(securityGroup,
					"must be an AWS security group id such as sg-903004f8, optionally prefixed by the 12-digit account id and a slash")}},
			"comment": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "Remark that explains the entry (at most 80 characters). Changed in place.",
				Validators:          []validator.String{stringvalidator.LengthAtMost(80)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"id": schema.StringAttribute{Computed: true,
				MarkdownDescription: "Terraform id, encoded like the official provider's from the project id and the entry.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"timeouts": timeouts.Attributes(ctx, timeouts.Opts{Create: true, Read: true, Delete: true}),
		},
	}
}

// entryAttributes are the data sources' view of one entry.
func entryAttributes() map[string]dsschema.Attribute {
	return map[string]dsschema.Attribute{
		"ip_address":         dsschema.StringAttribute{Computed: true, MarkdownDescription: "Single IP address of the entry."},
		"cidr_block":         dsschema.StringAttribute{Computed: true, MarkdownDescription: "CIDR block of the entry (`/32` or `/128` for an address)."},
		"aws_security_group": dsschema.StringAttribute{Computed: true, MarkdownDescription: "AWS security group id of the entry."},
		"comment":            dsschema.StringAttribute{Computed: true, MarkdownDescription: "Remark that explains the entry."},
	}
}

// addressValidator accepts one IPv4 or IPv6 address.
type addressValidator struct{}

func (addressValidator) Description(context.Context) string {
	return "must be one IPv4 or IPv6 address"
}
func (v addressValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (addressValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	if a, err := netip.ParseAddr(s); err != nil || a.Zone() != "" {
		hint := ""
		if _, err := netip.ParsePrefix(s); err == nil {
			hint = " For a range, use cidr_block instead."
		}
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid IP address",
			fmt.Sprintf("%q is not an IPv4 or IPv6 address such as 203.0.113.7 or 2001:db8::1.%s", s, hint))
	}
}

// cidrValidator accepts a CIDR block whose address is the first of its range,
// which is the form Atlas stores.
type cidrValidator struct{}

func (cidrValidator) Description(context.Context) string {
	return "must be a CIDR block such as 10.0.0.0/16"
}
func (v cidrValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (cidrValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	p, err := netip.ParsePrefix(s)
	switch {
	case err != nil || p.Addr().Zone() != "":
		hint := ""
		if _, err := netip.ParseAddr(s); err == nil {
			hint = " For a single address, use ip_address, or add /32."
		}
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid CIDR block",
			fmt.Sprintf("%q is not a CIDR block such as 10.0.0.0/16 or 2001:db8::/48.%s", s, hint))
	case p.Masked() != p:
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid CIDR block",
			fmt.Sprintf("%q has bits set after the /%d prefix; Atlas refuses it. Write %s.", s, p.Bits(), p.Masked()))
	}
}
