package dev.magpie.engines.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CqlScriptTests {

    @Test
    void splitsAtTheSemicolonsThatEndStatements() {
        assertThat(CqlScript.statements("""
                CREATE TABLE a (id int PRIMARY KEY);
                CREATE TABLE b (id int PRIMARY KEY)
                    WITH comment = 'b';

                INSERT INTO a (id) VALUES (1)""")).containsExactly("CREATE TABLE a (id int PRIMARY KEY)",
                "CREATE TABLE b (id int PRIMARY KEY)\n    WITH comment = 'b'", "INSERT INTO a (id) VALUES (1)");
    }

    @Test
    void keepsSemicolonsInsideLiteralsAndQuotedNames() {
        assertThat(CqlScript.statements("""
                INSERT INTO a (id, note) VALUES (1, 'it''s; fine');
                CREATE TABLE "odd;name" (id int PRIMARY KEY);
                CREATE FUNCTION f (x int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS $$ return x; $$;
                """)).containsExactly("INSERT INTO a (id, note) VALUES (1, 'it''s; fine')",
                "CREATE TABLE \"odd;name\" (id int PRIMARY KEY)",
                "CREATE FUNCTION f (x int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS $$ return x; $$");
    }

    @Test
    void dropsCommentsAndEmptyStatements() {
        assertThat(CqlScript.statements("""
                -- why the table exists; with a semicolon
                // another comment;
                /* a block; comment */
                CREATE TABLE a (id int PRIMARY KEY); -- trailing
                ;;
                """)).containsExactly("CREATE TABLE a (id int PRIMARY KEY)");
        assertThat(CqlScript.statements("-- nothing but a comment\n")).isEmpty();
    }
}
