package projectipaccesslist

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
)

func TestRefreshKeepsSpellingAndDerivesID(t *testing.T) {
	m := resourceModel{entryModel: entryModel{IPAddress: types.StringValue("2001:DB8::1"), Comment: types.StringValue("")}}
	m.refresh("5f1e2d3c4b5a697887766554", &atlas.AccessListEntry{IPAddress: "2001:db8::1", CIDRBlock: "2001:db8::1/128"})
	if m.IPAddress.ValueString() != "2001:DB8::1" || m.CIDRBlock.ValueString() != "2001:db8::1/128" || m.Comment.ValueString() != "" || m.Comment.IsNull() {
		t.Fatalf("refresh: %+v", m.entryModel)
	}
	if m.ID.ValueString() != stateID("5f1e2d3c4b5a697887766554", "2001:DB8::1") {
		t.Fatalf("id %s", m.ID.ValueString())
	}
	// Another address replaces the state's.
	m.refresh("5f1e2d3c4b5a697887766554", &atlas.AccessListEntry{IPAddress: "203.0.113.7", CIDRBlock: "203.0.113.7/32", Comment: "x"})
	if m.IPAddress.ValueString() != "203.0.113.7" || m.Comment.ValueString() != "x" {
		t.Fatalf("refresh: %+v", m.entryModel)
	}
}

func TestDerivedCIDRAndChangedIdentity(t *testing.T) {
	for in, want := range map[string]string{"203.0.113.7": "203.0.113.7/32", "2001:db8::1": "2001:db8::1/128", "::ffff:10.0.0.1": "10.0.0.1/32"} {
		if got, ok := derivedCIDR(in); !ok || got != want {
			t.Errorf("derivedCIDR(%s) = %s", in, got)
		}
	}
	state := resourceModel{entryModel: entryModel{IPAddress: types.StringValue("2001:db8::1"), CIDRBlock: types.StringValue("2001:db8::1/128"), AWSSecurityGroup: types.StringNull()}}
	same := resourceModel{entryModel: entryModel{IPAddress: types.StringValue("2001:DB8::1"), CIDRBlock: types.StringNull(), AWSSecurityGroup: types.StringNull()}}
	if got := changedIdentity(&same, &state); got != "" {
		t.Errorf("same address spelled differently: %q", got)
	}
	other := resourceModel{entryModel: entryModel{IPAddress: types.StringNull(), CIDRBlock: types.StringValue("10.0.0.0/8"), AWSSecurityGroup: types.StringNull()}}
	if got := changedIdentity(&other, &state); got != "cidr_block" {
		t.Errorf("another block: %q", got)
	}
	unknown := resourceModel{entryModel: entryModel{IPAddress: types.StringUnknown(), CIDRBlock: types.StringNull(), AWSSecurityGroup: types.StringNull()}}
	if got := changedIdentity(&unknown, &state); got != "ip_address" {
		t.Errorf("unknown address: %q", got)
	}
}
