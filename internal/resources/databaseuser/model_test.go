package databaseuser

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
)

func TestApplyUserKeepsPasswordsAndNullCollections(t *testing.T) {
	m := resourceModel{
		Password:          types.StringValue("secret-pass"),
		PasswordWO:        types.StringValue("never-stored"),
		PasswordWOVersion: types.Int64Value(3),
		Scopes:            types.SetNull(scopeType),
		Labels:            types.SetNull(labelType),
	}
	m.applyUser("5f1e2d3c4b5a697887766554", &atlas.DatabaseUser{Username: "app", DatabaseName: "admin",
		Roles: []atlas.DatabaseUserRole{{RoleName: "read", DatabaseName: "shop"}}})
	if m.Password.ValueString() != "secret-pass" || !m.PasswordWO.IsNull() || m.PasswordWOVersion.ValueInt64() != 3 {
		t.Fatalf("passwords: %v %v %v", m.Password, m.PasswordWO, m.PasswordWOVersion)
	}
	if !m.Scopes.IsNull() || !m.Labels.IsNull() || len(m.Roles.Elements()) != 1 {
		t.Fatalf("collections: %v %v %v", m.Scopes, m.Labels, m.Roles)
	}
	if m.X509Type.ValueString() != "NONE" || !m.Description.IsNull() {
		t.Fatalf("defaults: %v %v", m.X509Type, m.Description)
	}
	// Scopes that appear in Atlas show up even where the state had none.
	m.applyUser("5f1e2d3c4b5a697887766554", &atlas.DatabaseUser{Username: "app", DatabaseName: "admin",
		Scopes: []atlas.DatabaseUserScope{{Name: "c0", Type: "CLUSTER"}}})
	if len(m.Scopes.Elements()) != 1 {
		t.Fatalf("scopes: %v", m.Scopes)
	}
}

func TestNewWriteReadsTheBlocks(t *testing.T) {
	ctx := context.Background()
	m := resourceModel{}
	m.Username, m.AuthDatabaseName = types.StringValue("app"), types.StringValue("admin")
	m.X509Type = types.StringUnknown()
	m.applyUser("5f1e2d3c4b5a697887766554", &atlas.DatabaseUser{Username: "app", DatabaseName: "admin",
		Roles:  []atlas.DatabaseUserRole{{RoleName: "read", DatabaseName: "shop", CollectionName: "orders"}},
		Labels: []atlas.Tag{{Key: "k", Value: "v"}}})
	in, diags := newWrite(ctx, &m, "pw-12345678")
	if diags.HasError() {
		t.Fatal(diags)
	}
	if in.Password != "pw-12345678" || len(in.Roles) != 1 || in.Roles[0].CollectionName != "orders" || len(in.Labels) != 1 || in.Scopes == nil {
		t.Fatalf("write %+v", in)
	}
}
