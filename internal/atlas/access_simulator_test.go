package atlas_test

import (
	"context"
	"errors"
	"testing"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

func newSimProject(t *testing.T) (*atlas.Client, *atlassim.Server, string) {
	t.Helper()
	client, sim, _ := newSimClient(t, apiKey)
	p, err := client.CreateProject(context.Background(), atlas.ProjectCreate{Name: "access", OrgID: atlassim.DefaultOrgID})
	if err != nil {
		t.Fatal(err)
	}
	return client, sim, p.ID
}

func TestSimulatorDatabaseUserRoundTrip(t *testing.T) {
	client, sim, pid := newSimProject(t)
	ctx := context.Background()

	in := atlas.DatabaseUserWrite{
		Username: "app", DatabaseName: atlas.AuthDatabaseAdmin, Password: "first-password",
		Roles:  []atlas.DatabaseUserRole{{RoleName: "readWrite", DatabaseName: "shop"}},
		Labels: []atlas.Tag{{Key: "team", Value: "data"}},
	}
	created, err := client.CreateDatabaseUser(ctx, pid, in)
	if err != nil {
		t.Fatal(err)
	}
	if created.X509Type != "NONE" || len(created.Roles) != 1 || created.Labels[0].Key != "team" {
		t.Fatalf("created %+v", created)
	}
	// An update without a password keeps it; the description and scopes change.
	in.Password, in.Description = "", "the app"
	in.Scopes = []atlas.DatabaseUserScope{{Name: "Cluster0", Type: "CLUSTER"}}
	updated, err := client.UpdateDatabaseUser(ctx, pid, in)
	if err != nil {
		t.Fatal(err)
	}
	if updated.Description != "the app" || len(updated.Scopes) != 1 || !sim.CheckDatabaseUserPassword(pid, "admin", "app", "first-password") {
		t.Fatalf("updated %+v", updated)
	}
	// Clearing the description sends "".
	in.Description = ""
	if updated, err = client.UpdateDatabaseUser(ctx, pid, in); err != nil || updated.Description != "" {
		t.Fatalf("cleared description: %+v %v", updated, err)
	}

	// A user name with "/" (OIDC) and the $external database survive the path.
	oidc := atlas.DatabaseUserWrite{Username: "idp0/workload", DatabaseName: atlas.AuthDatabaseExternal, OIDCAuthType: "USER",
		Roles: []atlas.DatabaseUserRole{{RoleName: "read", DatabaseName: "shop"}}}
	if _, err := client.CreateDatabaseUser(ctx, pid, oidc); err != nil {
		t.Fatal(err)
	}
	got, err := client.GetDatabaseUser(ctx, pid, atlas.AuthDatabaseExternal, "idp0/workload")
	if err != nil || got.OIDCAuthType != "USER" {
		t.Fatalf("get OIDC user: %+v %v", got, err)
	}
	all, err := client.ListDatabaseUsers(ctx, pid)
	if err != nil || len(all) != 2 {
		t.Fatalf("list: %d %v", len(all), err)
	}
	if err := client.DeleteDatabaseUser(ctx, pid, atlas.AuthDatabaseExternal, "idp0/workload"); err != nil {
		t.Fatal(err)
	}
	if _, err := client.GetDatabaseUser(ctx, pid, atlas.AuthDatabaseExternal, "idp0/workload"); !atlas.IsNotFound(err) {
		t.Fatalf("after delete: %v", err)
	}
	in.Password = "second-password"
	_, err = client.CreateDatabaseUser(ctx, pid, in)
	if !atlas.HasErrorCode(err, "USER_ALREADY_EXISTS") {
		t.Fatalf("duplicate create: %v", err)
	}
}

func TestSimulatorAccessListRoundTrip(t *testing.T) {
	client, sim, pid := newSimProject(t)
	ctx := context.Background()
	entries := []atlas.AccessListEntryWrite{{CIDRBlock: "10.1.0.0/16", Comment: "vpc"}, {IPAddress: "203.0.113.7"}}
	if err := client.AddAccessListEntries(ctx, pid, entries); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if err := client.WaitForAccessListEntry(ctx, pid, e.Value()); err != nil {
			t.Fatal(err)
		}
	}
	got, err := client.GetAccessListEntry(ctx, pid, "10.1.0.0/16")
	if err != nil || got.Comment != "vpc" || got.GroupID != pid {
		t.Fatalf("CIDR entry: %+v %v", got, err)
	}
	addr, err := client.GetAccessListEntry(ctx, pid, "203.0.113.7")
	if err != nil || addr.CIDRBlock != "203.0.113.7/32" {
		t.Fatalf("address entry: %+v %v", addr, err)
	}
	// A transient 503 on a status read is retried by the transport.
	sim.AddFault(atlassim.Fault{Method: "GET", Path: "/api/atlas/v2/groups/*/accessList/*/status", Status: 503, Count: 1})
	if err := client.WaitForAccessListEntry(ctx, pid, "203.0.113.7"); err != nil {
		t.Fatal(err)
	}
	list, err := client.ListAccessList(ctx, pid)
	if err != nil || len(list) != 2 {
		t.Fatalf("list: %+v %v", list, err)
	}
	if err := client.DeleteAccessListEntry(ctx, pid, "10.1.0.0/16"); err != nil {
		t.Fatal(err)
	}
	if _, err := client.GetAccessListEntry(ctx, pid, "10.1.0.0/16"); !atlas.IsNotFound(err) {
		t.Fatalf("after delete: %v", err)
	}
	if n := count(sim, "DELETE", "/api/atlas/v2/groups/"+pid+"/accessList/10.1.0.0/16", 204); n != 1 {
		t.Fatalf("%d DELETE requests logged", n)
	}
}

func TestSimulatorAccessListFailedEntry(t *testing.T) {
	client, sim, pid := newSimProject(t)
	ctx := context.Background()
	sim.FailAccessListEntry(pid, "198.51.100.0/24")
	if err := client.AddAccessListEntries(ctx, pid, []atlas.AccessListEntryWrite{{CIDRBlock: "198.51.100.0/24"}}); err != nil {
		t.Fatal(err)
	}
	err := client.WaitForAccessListEntry(ctx, pid, "198.51.100.0/24")
	var unexpected *atlas.UnexpectedStateError
	if !errors.As(err, &unexpected) || unexpected.State != atlas.AccessListFailed {
		t.Fatalf("wait on a FAILED entry: %v", err)
	}
}
