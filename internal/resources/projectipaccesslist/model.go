package projectipaccesslist

import (
	"net/netip"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/importid"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/tfvalue"
)

// entryModel is what Atlas reports about one entry, as Terraform values.
type entryModel struct {
	IPAddress        types.String `tfsdk:"ip_address"`
	CIDRBlock        types.String `tfsdk:"cidr_block"`
	AWSSecurityGroup types.String `tfsdk:"aws_security_group"`
	Comment          types.String `tfsdk:"comment"`
}

type resourceModel struct {
	entryModel
	ProjectID types.String   `tfsdk:"project_id"`
	ID        types.String   `tfsdk:"id"`
	Timeouts  timeouts.Value `tfsdk:"timeouts"`
}

// dataSourceModel is the single data source.
type dataSourceModel struct {
	entryModel
	ProjectID types.String `tfsdk:"project_id"`
	ID        types.String `tfsdk:"id"`
}

// entryValue is what identifies the entry in Atlas paths: the security group,
// else the address, else the CIDR block. "" while unknown.
func (m *entryModel) entryValue() string {
	for _, v := range []types.String{m.AWSSecurityGroup, m.IPAddress, m.CIDRBlock} {
		if !v.IsNull() && !v.IsUnknown() && v.ValueString() != "" {
			return v.ValueString()
		}
	}
	return ""
}

// stateID is the official provider's id for an access list entry.
func stateID(projectID, entry string) string {
	return importid.EncodeStateID(map[string]string{"entry": entry, "project_id": projectID})
}

func newEntryModel(e *atlas.AccessListEntry) entryModel {
	return entryModel{
		IPAddress:        tfvalue.OptionalString(e.IPAddress),
		CIDRBlock:        tfvalue.OptionalString(e.CIDRBlock),
		AWSSecurityGroup: tfvalue.OptionalString(e.AWSSecurityGroup),
		Comment:          tfvalue.OptionalString(e.Comment),
	}
}

// refresh sets what Atlas reports, keeping the configuration's spelling of an
// address or block Atlas writes differently (2001:DB8::1 and 2001:db8::1 are
// one address), and an empty comment the configuration asked for.
func (m *resourceModel) refresh(projectID string, e *atlas.AccessListEntry) {
	next := newEntryModel(e)
	next.IPAddress = keepSpelling(m.IPAddress, next.IPAddress, sameAddress)
	next.CIDRBlock = keepSpelling(m.CIDRBlock, next.CIDRBlock, samePrefix)
	if next.Comment.IsNull() && !m.Comment.IsNull() && !m.Comment.IsUnknown() && m.Comment.ValueString() == "" {
		next.Comment = m.Comment
	}
	m.entryModel = next
	m.ProjectID = types.StringValue(projectID)
	m.ID = types.StringValue(stateID(projectID, m.entryValue()))
}

func keepSpelling(prior, got types.String, same func(a, b string) bool) types.String {
	if prior.IsNull() || prior.IsUnknown() || got.IsNull() {
		return got
	}
	if same(prior.ValueString(), got.ValueString()) {
		return prior
	}
	return got
}

func sameAddress(a, b string) bool {
	x, errX := netip.ParseAddr(a)
	y, errY := netip.ParseAddr(b)
	return errX == nil && errY == nil && x.Unmap() == y.Unmap()
}

func samePrefix(a, b string) bool {
	x, errX := netip.ParsePrefix(a)
	y, errY := netip.ParsePrefix(b)
	return errX == nil && errY == nil && x == y
}

// derivedCIDR is the block Atlas reports for a single address.
func derivedCIDR(address string) (string, bool) {
	a, err := netip.ParseAddr(address)
	if err != nil {
		return "", false
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()).String(), true
}

// newWrite is the entry to POST.
func newWrite(m *resourceModel) atlas.AccessListEntryWrite {
	w := atlas.AccessListEntryWrite{Comment: m.Comment.ValueString()}
	switch {
	case !m.AWSSecurityGroup.IsNull() && !m.AWSSecurityGroup.IsUnknown():
		w.AWSSecurityGroup = m.AWSSecurityGroup.ValueString()
	case !m.IPAddress.IsNull() && !m.IPAddress.IsUnknown():
		w.IPAddress = m.IPAddress.ValueString()
	default:
		w.CIDRBlock = m.CIDRBlock.ValueString()
	}
	return w
}

func isPrefix(s string) bool {
	_, err := netip.ParsePrefix(s)
	return err == nil
}
