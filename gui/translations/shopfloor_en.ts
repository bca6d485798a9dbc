<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../about_dialog.py" line="29"/>
        <source>About %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../about_dialog.py" line="35"/>
        <location filename="../about_dialog.py" line="83"/>
        <source>Version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../about_dialog.py" line="42"/>
        <source>Station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../about_dialog.py" line="43"/>
        <source>Data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../about_dialog.py" line="44"/>
        <source>Log folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../about_dialog.py" line="45"/>
        <source>Settings folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../about_dialog.py" line="46"/>
        <source>Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../about_dialog.py" line="46"/>
        <source>%1 (PySide6 %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../about_dialog.py" line="48"/>
        <source>Python</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../about_dialog.py" line="59"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../wizard/site_pages.py" line="230"/>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="231"/>
        <source>Full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="232"/>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="233"/>
        <source>Repeat it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="234"/>
        <source>for example maria</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="235"/>
        <source>8 to 72 characters; not a common password, not the username. There are no built-in accounts: this is the only way in, so remember it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="240"/>
        <source>The first admin account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="241"/>
        <source>The admin manages users and settings. You log in with this account when the set-up is done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="267"/>
        <source>The two passwords differ. Type them again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdminWindow</name>
    <message>
        <location filename="../admin/window.py" line="48"/>
        <source>Shopfloor Collector · admin panel · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="51"/>
        <source>%1 · DEMO (synthetic data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="82"/>
        <location filename="../admin/window.py" line="92"/>
        <location filename="../admin/window.py" line="98"/>
        <source>Fleet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="86"/>
        <source>Commands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="94"/>
        <source>This PC is not in a site yet: the fleet and remote commands appear once it is (shopfloor site create / join).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="112"/>
        <source>Production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="114"/>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="115"/>
        <source>Insights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="116"/>
        <source>SPC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="122"/>
        <source>OEE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="128"/>
        <source>Lots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="131"/>
        <source>Handovers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="134"/>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="142"/>
        <source>Audit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="146"/>
        <source>Catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="148"/>
        <source>&amp;Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="149"/>
        <source>Verify audit integrity (whole site)…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../app.py" line="71"/>
        <source>Something went wrong: %1
Your saved records are safe. The details are in the log; tell your administrator.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AppTexts</name>
    <message>
        <location filename="../app_texts.py" line="23"/>
        <source>This PC does not sync: another copy of it (a restored backup, a copied disk) ran as this station last. Production is saved on this PC. A supervisor logs in here and confirms the takeover (button: Confirm the takeover…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_texts.py" line="28"/>
        <source>This PC does not sync: something else runs as this station with this PC&apos;s key (this PC&apos;s agent, or another PC). Production is saved on this PC. Stop the agent, or switch the other PC off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_texts.py" line="33"/>
        <source>This PC does not sync: it no longer acts for this station (its key was revoked, or another PC took the station over). Production is saved on this PC. An admin joins it to the site again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_texts.py" line="39"/>
        <source>This PC does not sync for this station now. Production is saved on this PC.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AppWindow</name>
    <message>
        <location filename="../app_window.py" line="146"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_window.py" line="147"/>
        <source>&amp;Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_window.py" line="148"/>
        <source>Log out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_window.py" line="153"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_window.py" line="158"/>
        <source>Verify audit integrity…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_window.py" line="161"/>
        <source>This PC&apos;s settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_window.py" line="72"/>
        <source>Confirm the takeover of this station…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_window.py" line="170"/>
        <source>Log viewer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_window.py" line="173"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_window.py" line="174"/>
        <source>About…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_window.py" line="217"/>
        <source>No activity: logging out in %1 s. Touch the screen or press a key to stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_window.py" line="223"/>
        <source>You were logged out after a period without activity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_window.py" line="229"/>
        <source>Production entry is locked by a supervisor: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_window.py" line="242"/>
        <source>%1 logged you out remotely.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_window.py" line="292"/>
        <source>Takeover confirmed: this PC acts for station %1 from now on (audited).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_window.py" line="300"/>
        <source>This PC&apos;s settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_window.py" line="301"/>
        <source>Your password, to change this PC&apos;s settings:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_window.py" line="305"/>
        <source>Wrong password: this PC&apos;s settings were not opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_window.py" line="341"/>
        <source>The station stays open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_window.py" line="342"/>
        <source>Only a supervisor or an admin can close the application: ask a supervisor to close the station. To end your shift, log out instead (File → Log out).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditEventsModel</name>
    <message>
        <location filename="../admin/audit_model.py" line="77"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_model.py" line="77"/>
        <source>Station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_model.py" line="77"/>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_model.py" line="77"/>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_model.py" line="78"/>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_model.py" line="78"/>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_model.py" line="78"/>
        <source>Entity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_model.py" line="78"/>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_model.py" line="79"/>
        <source>Command</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditReviewDialog</name>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="95"/>
        <source>Audit-trail review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="114"/>
        <source>What you found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="116"/>
        <source>Findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="121"/>
        <source>Sign the review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="125"/>
        <source>Reviews signed so far (every PC&apos;s):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="148"/>
        <source>No review of the audit trail has been signed yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/audit_review_dialog.py" line="151"/>
        <source>This review: %1 – %2, %n event(s) that matter (changes, refusals, signatures, commands; not logins). Read them in the Audit tab with the same range.</source>
        <translation>
            <numerusform>This review: %1 – %2, %n event that matters (changes, refusals, signatures, commands; not logins). Read it in the Audit tab with the same range.</numerusform>
            <numerusform>This review: %1 – %2, %n events that matter (changes, refusals, signatures, commands; not logins). Read them in the Audit tab with the same range.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="163"/>
        <source>Review of %1 – %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/audit_review_dialog.py" line="168"/>
        <source>%n more review(s) in amber no longer cover their period.</source>
        <translation>
            <numerusform>%n more review in amber no longer covers its period.</numerusform>
            <numerusform>%n more reviews in amber no longer cover their period.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="192"/>
        <source>Signed by %1 at %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="201"/>
        <source>Write what you found: a note is required. Nothing was signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="202"/>
        <source>The period has not ended yet: choose an end in the past. Nothing was signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="204"/>
        <source>Events of this period arrived since it was read: close and review it again. Nothing was signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="206"/>
        <source>Your signing key is not open on this PC: log in again. Nothing was signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="209"/>
        <source>Wrong user name or password, or the account is locked. Nothing was signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="214"/>
        <source>Your role may not sign audit-trail reviews.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="216"/>
        <source>The review could not be made (%1); nothing was signed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message>
        <location filename="../admin/audit_tab.py" line="129"/>
        <source>user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="132"/>
        <source>action, e.g. record or record.edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="133"/>
        <source>An action (record.edit), or a family of actions (record: record.create, record.edit and the others)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="142"/>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="160"/>
        <source>Verify audit integrity…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="162"/>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="165"/>
        <source>Export PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="167"/>
        <source>Reviews…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="169"/>
        <source>The signed reviews of the audit trail, and signing the review of this range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="187"/>
        <source>Audit events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="194"/>
        <source>The selected event in full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="197"/>
        <source>Choose an event in the list to see it here in full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="202"/>
        <source>Verification result per station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="127"/>
        <source>Station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="250"/>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="327"/>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="335"/>
        <source>command %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="347"/>
        <source>Export the audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="355"/>
        <source>Exporting the audit trail to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="364"/>
        <source>More than %1 events match the filters: too many for a printed report. Nothing was written; narrow the station, user, action or time range, or export CSV, which holds them all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="328"/>
        <source>Audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/audit_tab.py" line="278"/>
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="329"/>
        <source>Stations: %1 · from %2 to %3 · generated %4 by %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/audit_tab.py" line="358"/>
        <source>Exporting the audit trail: %n event(s) so far…</source>
        <translation>
            <numerusform>Exporting the audit trail: %n event so far…</numerusform>
            <numerusform>Exporting the audit trail: %n events so far…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/audit_tab.py" line="368"/>
        <source>Exported %n event(s) to %1</source>
        <translation>
            <numerusform>Exported %n event to %1</numerusform>
            <numerusform>Exported %n events to %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="378"/>
        <source>Export cancelled; no file was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="380"/>
        <source>Your role may not export the audit trail; no file was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="381"/>
        <source>The audit trail could not be exported (%1); no file was written. Check that the folder exists and can be written to, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <location filename="../admin/catalog_texts.py" line="20"/>
        <source>Excellent below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="21"/>
        <source>Good below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="22"/>
        <source>Attention below (critical above)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="23"/>
        <source>Target line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="27"/>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="28"/>
        <source>Memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="29"/>
        <source>Disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="36"/>
        <source>In force: the built-in catalog (nothing published for this site yet).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="39"/>
        <source>In force: site catalog version %1, published by %2 at %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="43"/>
        <source>This PC is not in a site: a published catalog applies here only, until the PC joins one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="51"/>
        <source>The shared folder cannot be reached now: the catalog is kept on this PC and is put on the share as soon as it is back; stations take it then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="55"/>
        <source>Stations take it within a few seconds (at their next directory check).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="63"/>
        <source>Nothing changed: the catalog in force is already version %1, so nothing was published. Change a value first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="66"/>
        <source>Nothing changed: the built-in catalog is in force with these values, so nothing was published. Change a value first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="73"/>
        <source>%1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="79"/>
        <source>Only an admin may publish the site catalog; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="81"/>
        <source>The catalog could not be published: %1. Nothing was changed; your edits are still here, try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CatalogRows</name>
    <message>
        <location filename="../admin/catalog_rows.py" line="40"/>
        <source>Remove selected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CatalogTab</name>
    <message>
        <location filename="../admin/catalog_tab.py" line="65"/>
        <location filename="../admin/catalog_tab.py" line="104"/>
        <location filename="../admin/catalog_tab.py" line="315"/>
        <source>Defects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="68"/>
        <location filename="../admin/catalog_tab.py" line="105"/>
        <location filename="../admin/catalog_tab.py" line="315"/>
        <source>Locations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="83"/>
        <source>Why (at least 10 characters; kept in the audit trail)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="85"/>
        <source>Undo my edits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="87"/>
        <source>Publish to every station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="96"/>
        <location filename="../admin/catalog_tab.py" line="312"/>
        <source>Machine table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="101"/>
        <source>Defects and locations (one per line; &quot;%1&quot; is always there)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="111"/>
        <source>Measurement ranges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="113"/>
        <source>Minimum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="114"/>
        <source>Maximum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="121"/>
        <location filename="../admin/catalog_tab.py" line="333"/>
        <source>Rejections per box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="129"/>
        <source>Quality bands and target (mean CAM %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="136"/>
        <source>Fleet thresholds (warning / critical)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="138"/>
        <source>Warning from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="139"/>
        <source>Critical from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="150"/>
        <location filename="../admin/catalog_tab.py" line="331"/>
        <source>Site default intervals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="155"/>
        <source>each PC&apos;s own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="157"/>
        <source>Status every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="158"/>
        <source>Command rescan every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="170"/>
        <location filename="../admin/catalog_tab.py" line="335"/>
        <source>Site time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="173"/>
        <source>Shifts and every time on screen, on every PC of the site.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="201"/>
        <source>Machines, defects and limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="202"/>
        <source>Stops and OEE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="202"/>
        <source>SPC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="202"/>
        <source>Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="203"/>
        <source>Shift handover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="208"/>
        <location filename="../admin/catalog_tab.py" line="337"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="310"/>
        <source>Machine table, row %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="317"/>
        <source>%1, line %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="326"/>
        <source>Quality bands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="329"/>
        <source>Fleet thresholds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="355"/>
        <source>Nothing was published. Correct these and publish again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="374"/>
        <source>Publishing…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../login_page.py" line="176"/>
        <source>Change your password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../login_page.py" line="177"/>
        <source>%1, you must choose a new password before you start. Use 8 to 72 characters; avoid common passwords.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../login_page.py" line="184"/>
        <source>New password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../login_page.py" line="185"/>
        <source>Repeat it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../login_page.py" line="193"/>
        <source>The two passwords differ.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommandDetailsDialog</name>
    <message>
        <location filename="../admin/command_details.py" line="29"/>
        <source>Command details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="35"/>
        <source>pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="35"/>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="36"/>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="36"/>
        <source>rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="37"/>
        <source>expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="37"/>
        <source>timed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="38"/>
        <source>duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="40"/>
        <source>Command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="41"/>
        <source>Station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="42"/>
        <source>Sent by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="43"/>
        <source>Sent at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="45"/>
        <source>Valid until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="46"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="47"/>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="50"/>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="54"/>
        <source>The station&apos;s own words (not translated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="72"/>
        <source>The station&apos;s answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="89"/>
        <source>intact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="89"/>
        <source>NOT intact</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/command_details.py" line="90"/>
        <source>Station %1: %2, %n event(s) checked</source>
        <translation>
            <numerusform>Station %1: %2, %n event checked</numerusform>
            <numerusform>Station %1: %2, %n events checked</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CommandHistoryModel</name>
    <message>
        <location filename="../admin/commands_model.py" line="35"/>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_model.py" line="35"/>
        <source>Station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_model.py" line="35"/>
        <source>Command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_model.py" line="36"/>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_model.py" line="36"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_model.py" line="36"/>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_model.py" line="37"/>
        <source>pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_model.py" line="37"/>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_model.py" line="38"/>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_model.py" line="38"/>
        <source>rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_model.py" line="39"/>
        <source>expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_model.py" line="39"/>
        <source>timed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_model.py" line="40"/>
        <source>duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_model.py" line="67"/>
        <source>Double-click (or Details…) for the details.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <location filename="../admin/command_texts.py" line="24"/>
        <source>Ping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="25"/>
        <location filename="../admin/command_texts.py" line="59"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="26"/>
        <source>Log the user out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="27"/>
        <source>Lock entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="28"/>
        <source>Unlock entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="29"/>
        <source>Set lot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="30"/>
        <source>Set product (size)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="31"/>
        <source>Change settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="32"/>
        <source>Send status again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="33"/>
        <source>Collect diagnostics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="35"/>
        <source>Get logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="36"/>
        <source>Back up now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="37"/>
        <source>Verify audit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="38"/>
        <source>Restart the application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="40"/>
        <source>Close the application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="60"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="109"/>
        <source>“%1” does not fit what this command accepts. Nothing was sent; check the form and send again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="282"/>
        <location filename="../admin/command_texts.py" line="61"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="62"/>
        <source>Lot code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="263"/>
        <location filename="../admin/command_texts.py" line="63"/>
        <source>Total boxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="262"/>
        <location filename="../admin/command_texts.py" line="64"/>
        <source>Current box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="264"/>
        <location filename="../admin/command_outcomes.py" line="273"/>
        <location filename="../admin/command_texts.py" line="65"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="66"/>
        <source>Status interval (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="67"/>
        <source>Inbox rescan interval (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="69"/>
        <source>Idle logout (minutes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="70"/>
        <source>Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="71"/>
        <source>Containing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="72"/>
        <source>Without asking the operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="79"/>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="79"/>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="100"/>
        <source>Fill in “%1”: it is required. Nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="103"/>
        <source>“%1” must be from %2 to %3. Nothing was sent; correct it and send again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="106"/>
        <source>“%1” must have %2 to %3 characters. Nothing was sent; correct it and send again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/command_outcomes.py" line="50"/>
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n bytes</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="62"/>
        <source>Shown, but not read: the station&apos;s application closed (or nobody answered for hours) before anyone pressed “I have read it”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="67"/>
        <source>Delivered; nobody logged in to read it: the station runs without a window (the message is in its log).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="72"/>
        <source>Read by %1 at %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="74"/>
        <source>Read at %1 on the login screen (nobody was logged in).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="88"/>
        <source>The station answered at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="93"/>
        <source>%1 was logged out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="94"/>
        <source>Nobody was logged in; nothing to do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="97"/>
        <source>Production entry locked; %1 sees the banner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="99"/>
        <source>Production entry locked (nobody was logged in).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="103"/>
        <source>Lot %1 set: box %2 of %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="107"/>
        <source>Size %1 set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="110"/>
        <source>Settings changed: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="115"/>
        <source>Diagnostics collected: version %1, database %2, shared folder %3 (Details… for everything).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="120"/>
        <source>online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="121"/>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/command_outcomes.py" line="124"/>
        <location filename="../admin/command_outcomes.py" line="231"/>
        <source>%n log line(s) received (Details… to read them).</source>
        <translation>
            <numerusform>%n log line received (Details… to read it).</numerusform>
            <numerusform>%n log lines received (Details… to read them).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="127"/>
        <source>Backup written on the station (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/command_outcomes.py" line="134"/>
        <source>Audit trail intact: %n event(s) checked.</source>
        <translation>
            <numerusform>Audit trail intact: %n event checked.</numerusform>
            <numerusform>Audit trail intact: %n events checked.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="141"/>
        <source>Closing, without asking the operator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="144"/>
        <source>Closing: %1 confirmed it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="145"/>
        <source>Closing (nobody was logged in to ask).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="157"/>
        <source>Done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="217"/>
        <source>Size %1 is not in that station&apos;s catalog. Nothing was changed; check the site catalog and send again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="234"/>
        <source>See Details….</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="252"/>
        <source>Station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="253"/>
        <source>Answered at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="254"/>
        <source>Read by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="255"/>
        <source>Read at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="256"/>
        <source>Delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="257"/>
        <source>Shown on a screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="258"/>
        <source>Logged out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="259"/>
        <source>Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="260"/>
        <source>Shown to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="261"/>
        <source>Lot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="265"/>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="266"/>
        <source>Python</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="267"/>
        <source>Platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="268"/>
        <source>Host name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="269"/>
        <source>Process id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="270"/>
        <source>Database size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="271"/>
        <source>Shared folder online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="272"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="274"/>
        <source>Intact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="275"/>
        <source>Closing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="276"/>
        <source>Confirmed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="277"/>
        <source>Declined by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="278"/>
        <source>Forced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="279"/>
        <source>Restarting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="280"/>
        <source>Answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="281"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="298"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="313"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="165"/>
        <source>Expired before the station could run it. Nothing was done; send it again with a longer validity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="168"/>
        <source>Already received before: not run again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="169"/>
        <source>No answer before the command expired. Check that the station is on and reaches the shared folder, then send again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="90"/>
        <location filename="../admin/command_outcomes.py" line="177"/>
        <source>The station answered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="178"/>
        <source>Message delivered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="179"/>
        <source>User logged out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="180"/>
        <source>Production entry locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="101"/>
        <location filename="../admin/command_outcomes.py" line="181"/>
        <source>Production entry unlocked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="182"/>
        <source>Lot set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="183"/>
        <source>Product (size) set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="184"/>
        <source>Settings changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="113"/>
        <location filename="../admin/command_outcomes.py" line="185"/>
        <source>Status sent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="188"/>
        <source>Backup written on the station.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="189"/>
        <source>Audit trail intact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="135"/>
        <location filename="../admin/command_outcomes.py" line="190"/>
        <source>Audit trail NOT intact: verify the site from the Tools menu to see where.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="138"/>
        <location filename="../admin/command_outcomes.py" line="193"/>
        <source>Restarting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="158"/>
        <source>Failed on the station; Details… shows the station&apos;s own words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="160"/>
        <source>Refused by the station, nothing was done; Details… shows the station&apos;s own words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="186"/>
        <source>Diagnostics collected (Details… for everything).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="194"/>
        <source>Closing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="196"/>
        <source>Nothing to change: choose at least one setting and send again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="199"/>
        <source>The operator chose not to close the application; it keeps running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="202"/>
        <source>Interrupted by a restart of the station and not run again; send it again if it is still needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="206"/>
        <source>Refused: the signature does not match (another site key, or the file was altered). Nothing was done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="209"/>
        <source>Refused: this PC&apos;s clock is ahead of the station&apos;s. Nothing was done; correct the clocks and send again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="220"/>
        <source>Refused: the station does not know %1 as an active user (its copy of the users may be older). Nothing was done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="223"/>
        <source>Refused: the station does not allow the role %1 to send this command. Nothing was done.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommandsTab</name>
    <message>
        <location filename="../admin/commands_tab.py" line="49"/>
        <source>Selected stations (Fleet tab)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="50"/>
        <source>These stations:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="51"/>
        <source>All stations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="65"/>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="70"/>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="74"/>
        <source>Commands sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="77"/>
        <source>Details…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="90"/>
        <source>Send to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="91"/>
        <source>Command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="92"/>
        <source>Valid for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="99"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="223"/>
        <source>Choose at least one station.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="227"/>
        <source>Not a station number: %1. Nothing was sent; type the numbers the Fleet tab shows, separated by commas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="238"/>
        <source>all stations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="239"/>
        <source>Send %1 to %2? The operators there will be interrupted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="248"/>
        <source>Confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="266"/>
        <source>Your role may not send this command.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="269"/>
        <source>Not a station of this site: %1. Nothing was sent; type the numbers the Fleet tab shows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="274"/>
        <source>The command was not sent: its parameters do not fit what it accepts. Nothing was queued; check the form and send again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="284"/>
        <source>The command was not sent: the shared folder %1 cannot be reached. Nothing was queued; try again when it is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/commands_tab.py" line="288"/>
        <source>The shared folder %1 stopped answering while sending: only %n station(s) got the command (see the history). Send it again to the others when the folder is back.</source>
        <translation>
            <numerusform>The shared folder %1 stopped answering while sending: only %n station got the command (see the history). Send it again to the others when the folder is back.</numerusform>
            <numerusform>The shared folder %1 stopped answering while sending: only %n stations got the command (see the history). Send it again to the others when the folder is back.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="295"/>
        <source>No station is known on the shared folder yet: nothing was sent. Send again once the stations have started.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <location filename="../correction_dialog.py" line="35"/>
        <source>Correct record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../correction_dialog.py" line="38"/>
        <source>Lot %1, box %2, registered by %3. Your correction is kept as a new version; the original stays in the history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../correction_dialog.py" line="52"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../correction_dialog.py" line="53"/>
        <source>Your password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../correction_dialog.py" line="54"/>
        <source>Signing as %1: this means &quot;correction&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../correction_dialog.py" line="77"/>
        <source>Your role may not correct records.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CreatedAccountsModel</name>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="40"/>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="40"/>
        <source>Full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="40"/>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="41"/>
        <source>One-time password</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardDowntime</name>
    <message>
        <location filename="../admin/dashboard_downtime.py" line="36"/>
        <source>Downtime by stop reason (hours)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/dashboard_downtime.py" line="38"/>
        <source>OEE per day (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/dashboard_downtime.py" line="48"/>
        <source>OEE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/dashboard_downtime.py" line="49"/>
        <source>availability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/dashboard_downtime.py" line="50"/>
        <source>performance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/dashboard_downtime.py" line="51"/>
        <source>quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/dashboard_downtime.py" line="59"/>
        <source>No stops in this period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/dashboard_downtime.py" line="61"/>
        <source>No shifts worked in this period</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardTab</name>
    <message>
        <location filename="../admin/dashboard_tab.py" line="88"/>
        <source>Top 5 defects (share of rejections)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="89"/>
        <source>Pareto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="90"/>
        <source>Mean CAM-D / CAM-W per station (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="91"/>
        <source>Boxes per hour of the day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="92"/>
        <source>Boxes per shift (day · shift)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="110"/>
        <source>CAM-D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="110"/>
        <source>CAM-W</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="142"/>
        <source>No rejections in this period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="143"/>
        <source>No boxes in this period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="147"/>
        <source>No CAM-D or CAM-W measured in this period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="201"/>
        <source>The figures could not be read (%1); the charts show the last ones. Press Refresh to try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="224"/>
        <source>Critical defects (first 80 %): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="260"/>
        <source>target %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="262"/>
        <source>excellent below %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="262"/>
        <source>good below %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="263"/>
        <source>attention below %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="264"/>
        <source>critical from %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="271"/>
        <source>outlined: above the target (%1 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="273"/>
        <source>excellent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="273"/>
        <source>good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="274"/>
        <source>attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="274"/>
        <source>critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="275"/>
        <source>no measurements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="276"/>
        <source>Ranking by the mean of CAM-D and CAM-W, lowest first: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Downtime</name>
    <message>
        <location filename="../downtime_texts.py" line="24"/>
        <source>setup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../downtime_texts.py" line="24"/>
        <source>unclassified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../downtime_texts.py" line="25"/>
        <source>material</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../downtime_texts.py" line="26"/>
        <source>maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../downtime_texts.py" line="27"/>
        <source>quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../downtime_texts.py" line="28"/>
        <source>no operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../downtime_texts.py" line="29"/>
        <source>other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../downtime_texts.py" line="35"/>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../downtime_texts.py" line="35"/>
        <source>idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../downtime_texts.py" line="36"/>
        <source>planned break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../downtime_texts.py" line="37"/>
        <source>down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../downtime_texts.py" line="56"/>
        <source>Your role may not classify stops. Nothing was changed; ask a supervisor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../downtime_texts.py" line="59"/>
        <source>Your signing key is not open on this PC: log in again (if it persists, an admin resets your password). Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../downtime_texts.py" line="62"/>
        <source>The note holds characters that cannot be kept (control or direction characters) or is too long. Nothing was changed; write the note again in plain text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../downtime_texts.py" line="66"/>
        <source>A stop is already open: choose it in the list and give it a reason instead. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../downtime_texts.py" line="68"/>
        <source>That reason is not in the site catalog any more. Nothing was changed; choose another.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DowntimeSection</name>
    <message>
        <location filename="../admin/catalog_downtime.py" line="36"/>
        <location filename="../admin/catalog_downtime.py" line="122"/>
        <source>Stops and OEE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_downtime.py" line="38"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_downtime.py" line="38"/>
        <source>Ideal boxes / h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_downtime.py" line="39"/>
        <source>Stop after (min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_downtime.py" line="40"/>
        <source>Add size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_downtime.py" line="46"/>
        <source>10:00 30</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_downtime.py" line="53"/>
        <source>One per line: local start and minutes (&quot;10:00 30&quot;); breaks are never downtime.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_downtime.py" line="56"/>
        <source>Always there: %1. Add the site&apos;s own codes one per line (a-z, 0-9, _).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_downtime.py" line="80"/>
        <source>No size has values of its own: every size uses the &quot;Other sizes&quot; values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_downtime.py" line="59"/>
        <source>Other sizes: ideal boxes / h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_downtime.py" line="60"/>
        <source>Other sizes: stop after (min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_downtime.py" line="61"/>
        <source>Planned breaks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_downtime.py" line="63"/>
        <source>Extra stop reasons</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EntryForm</name>
    <message>
        <location filename="../entry_form.py" line="85"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../entry_form.py" line="53"/>
        <source>Rejections (up to 3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../entry_form.py" line="56"/>
        <source>Defect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../entry_form.py" line="57"/>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../entry_form.py" line="65"/>
        <source>Defect %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../entry_form.py" line="66"/>
        <source>Location %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../entry_form.py" line="127"/>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../entry_form.py" line="215"/>
        <source>Unit weight: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../entry_form.py" line="51"/>
        <source>CAM-D %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../entry_form.py" line="52"/>
        <source>CAM-W %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../entry_form.py" line="96"/>
        <source>Register box</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExceptionsModel</name>
    <message>
        <location filename="../admin/release_dialog.py" line="50"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="50"/>
        <source>Station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="50"/>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="51"/>
        <source>Acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="71"/>
        <source>%1 at %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FinishPage</name>
    <message>
        <location filename="../wizard/finish_page.py" line="43"/>
        <source>Setting up takes a few seconds: the site key is derived from the passphrase, on purpose slowly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="52"/>
        <source>This PC is ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="53"/>
        <source>Ready to set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="53"/>
        <source>Check, then press &quot;Set up this PC&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="59"/>
        <source>Create a new site in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="61"/>
        <source>Join the site in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="63"/>
        <source>A trial site on this PC only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="66"/>
        <source>First admin: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="69"/>
        <source>Site time zone: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="71"/>
        <source>Start with the PC: yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="72"/>
        <source>Start with the PC: no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="77"/>
        <source>This PC: production station %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="79"/>
        <source>This PC: office PC %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="88"/>
        <source>Log in as %1 with the password you chose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../wizard/finish_page.py" line="91"/>
        <source>%n account(s) of the site reached this PC; log in with yours.</source>
        <translation>
            <numerusform>%n account of the site reached this PC; log in with yours.</numerusform>
            <numerusform>%n accounts of the site reached this PC; log in with yours.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="94"/>
        <source>No accounts of the site reached this PC yet (is the shared folder reachable?). They arrive by themselves once it is; until then nobody can log in here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="98"/>
        <source>Set up the plant&apos;s other PCs with &quot;Join a site&quot;: the folder %1 and the site passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="102"/>
        <source>The trial site is in %1. For a real site, set up the PCs with a shared folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="105"/>
        <source>The shared folder is on the network: status and commands are checked every half second there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="109"/>
        <source>Starting with the PC could not be switched on: %1. An admin can try again in Tools → This PC&apos;s settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="113"/>
        <source>The app starts by itself when this PC starts.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../wizard/window.py" line="179"/>
        <source>Shopfloor Collector: set up this PC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/window.py" line="180"/>
        <source>Shopfloor Collector · set-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/window.py" line="181"/>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/window.py" line="192"/>
        <source>Step %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/window.py" line="196"/>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/window.py" line="197"/>
        <source>Set up this PC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/window.py" line="199"/>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/window.py" line="332"/>
        <source>Setting up this PC…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Fleet</name>
    <message>
        <location filename="../admin/fleet_texts.py" line="20"/>
        <source>not reporting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_texts.py" line="20"/>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_texts.py" line="21"/>
        <source>memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_texts.py" line="21"/>
        <source>disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_texts.py" line="22"/>
        <source>files refused on the share (forged, or not a member)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_texts.py" line="23"/>
        <source>journal held back: the station&apos;s journal on the share goes on past this PC&apos;s chain (another copy of its database ran elsewhere)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_texts.py" line="26"/>
        <source>changes of records that no journal read so far made: not shown until the record is read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_texts.py" line="28"/>
        <source>warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_texts.py" line="28"/>
        <source>critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_texts.py" line="32"/>
        <source>Station %1: %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_texts.py" line="39"/>
        <source>%1 · acknowledged by %2 at %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FleetPlots</name>
    <message>
        <location filename="../admin/fleet_plots.py" line="31"/>
        <source>CPU %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_plots.py" line="31"/>
        <source>Memory %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_plots.py" line="31"/>
        <source>Disk %</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FleetTab</name>
    <message>
        <location filename="../admin/fleet_tab.py" line="75"/>
        <source>Search stations, users, lots…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_tab.py" line="80"/>
        <source>All stations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_tab.py" line="81"/>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_tab.py" line="81"/>
        <source>Stale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_tab.py" line="82"/>
        <source>Offline or stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_tab.py" line="83"/>
        <source>With alarms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_tab.py" line="89"/>
        <source>Stations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_tab.py" line="215"/>
        <source>%1 · %2 online · %3 stale · %4 stopped · %5 offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_tab.py" line="258"/>
        <source>Select one or more stations in the table to plot their CPU, memory and disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_tab.py" line="128"/>
        <source>Acknowledge alarm…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_tab.py" line="122"/>
        <location filename="../admin/fleet_tab.py" line="150"/>
        <source>Alarms</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/fleet_tab.py" line="216"/>
        <source>%n station(s)</source>
        <translation>
            <numerusform>%n station</numerusform>
            <numerusform>%n stations</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/fleet_tab.py" line="261"/>
        <source>Plots show the first %1 of %2 selected stations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_tab.py" line="286"/>
        <source>No alarms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_tab.py" line="361"/>
        <source>Acknowledge alarm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_tab.py" line="362"/>
        <source>Note (what you are doing about it):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FleetTableModel</name>
    <message>
        <location filename="../admin/fleet_model.py" line="153"/>
        <source>Station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="153"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="153"/>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="154"/>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="154"/>
        <source>Lot / box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="154"/>
        <source>CPU %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="155"/>
        <source>Memory %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="155"/>
        <source>Disk %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="155"/>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="156"/>
        <source>Clock skew</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="156"/>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="156"/>
        <source>Production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="157"/>
        <source>online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="157"/>
        <source>stale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="158"/>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="158"/>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="159"/>
        <source>Last known values</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FolderField</name>
    <message>
        <location filename="../wizard/widgets.py" line="126"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/widgets.py" line="127"/>
        <source>for example \\server\shopfloor or /mnt/shopfloor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/widgets.py" line="136"/>
        <source>Choose the shared folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../form_dialog.py" line="50"/>
        <source>Why (at least 10 characters)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FreezeDialog</name>
    <message>
        <location filename="../admin/spc_freeze_dialog.py" line="39"/>
        <source>Freeze control limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_freeze_dialog.py" line="41"/>
        <source>Station %1, size %2, %3: choose a period when the process ran as it should. Its points give the chart&apos;s centre line and limits until a new baseline is frozen; every PC of the site judges the points against them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_freeze_dialog.py" line="52"/>
        <source>Why this period is a stable baseline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_freeze_dialog.py" line="59"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_freeze_dialog.py" line="60"/>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_freeze_dialog.py" line="61"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_freeze_dialog.py" line="63"/>
        <source>Freeze limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_freeze_dialog.py" line="88"/>
        <source>%1 points: centre %2, UCL %3, LCL %4, moving-range UCL %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_freeze_dialog.py" line="100"/>
        <source>Only an admin may freeze control limits. Nothing was frozen; the attempt is in the audit trail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_freeze_dialog.py" line="104"/>
        <source>Give a reason of at least %1 characters. Nothing was frozen yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_freeze_dialog.py" line="112"/>
        <source>Your signing key is not open on this PC: log in again (if it persists, an admin resets your password). Nothing was frozen.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HandoverCatalogBox</name>
    <message>
        <location filename="../admin/catalog_handover.py" line="21"/>
        <location filename="../admin/catalog_handover.py" line="62"/>
        <source>Shift handover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_handover.py" line="30"/>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_handover.py" line="34"/>
        <source>The station window offers the outgoing operator the shift&apos;s handover from this long before the shift ends; while it is unsigned, it is still offered (and can still be signed) this long into the next shift, then no longer. 0 before the end: only once the shift has ended; 0 after the end: not after it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_handover.py" line="42"/>
        <source>Offer before the shift ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_handover.py" line="43"/>
        <source>Still offer after it ended</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <location filename="../handover_dialog.py" line="62"/>
        <source>Shift handover: sign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="63"/>
        <source>Shift handover: read and acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="64"/>
        <source>Shift handover: add a signed note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="68"/>
        <source>The shift&apos;s handover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="72"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="75"/>
        <source>What the next shift must know: machine, material, quality, people (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="77"/>
        <source>Your remark (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="78"/>
        <source>The note to add (it is signed and cannot change afterwards)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="86"/>
        <source>Signing as %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="90"/>
        <source>Sign and hand over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="91"/>
        <source>I have read it: acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="92"/>
        <source>Sign the note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="95"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="105"/>
        <source>Notes for the next shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="106"/>
        <source>Remark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="107"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="123"/>
        <source>Reading the shift…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="180"/>
        <source>Handed over: the handover is signed. The next shift acknowledges it when they log in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="182"/>
        <source>Acknowledged: your signature is recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="183"/>
        <source>The note is signed and added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="191"/>
        <source>Your role may not sign shift handovers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="193"/>
        <source>The handover could not be read or saved (%1); nothing was signed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HandoverModel</name>
    <message>
        <location filename="../admin/handover_model.py" line="25"/>
        <source>Shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/handover_model.py" line="25"/>
        <source>Station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/handover_model.py" line="25"/>
        <source>Handed over by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/handover_model.py" line="26"/>
        <source>Boxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/handover_model.py" line="26"/>
        <source>Rejections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/handover_model.py" line="26"/>
        <source>Stop minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/handover_model.py" line="27"/>
        <source>Alarms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/handover_model.py" line="27"/>
        <source>Open issues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/handover_model.py" line="27"/>
        <source>Acknowledged by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/handover_model.py" line="28"/>
        <source>Addenda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/handover_model.py" line="28"/>
        <source>Signatures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/handover_model.py" line="46"/>
        <source>%1 · shift %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/handover_model.py" line="54"/>
        <source>waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/handover_model.py" line="57"/>
        <source>do not hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/handover_model.py" line="57"/>
        <source>valid</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HandoverOffer</name>
    <message>
        <location filename="../handover_offer.py" line="124"/>
        <source>Shift handover due…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_offer.py" line="125"/>
        <source>Shift handover…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HandoverTab</name>
    <message>
        <location filename="../admin/handover_tab.py" line="50"/>
        <source>Search: station, person, notes, lot, defect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/handover_tab.py" line="52"/>
        <source>Search handovers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/handover_tab.py" line="61"/>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/handover_tab.py" line="62"/>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/handover_tab.py" line="62"/>
        <source>Last 31 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/handover_tab.py" line="63"/>
        <source>Last 365 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/handover_tab.py" line="63"/>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/handover_tab.py" line="67"/>
        <source>Only those not acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/handover_tab.py" line="70"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/handover_tab.py" line="82"/>
        <source>Shift handovers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/handover_tab.py" line="94"/>
        <source>The chosen handover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/handover_tab.py" line="135"/>
        <source>Handovers shown: %1 (newest first; at most %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/handover_tab.py" line="157"/>
        <source>Choose a handover to read it whole.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/handover_tab.py" line="174"/>
        <source>The handovers could not be read (%1); try Refresh.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HandoverTexts</name>
    <message>
        <location filename="../handover_texts.py" line="25"/>
        <source>not classified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="25"/>
        <source>setup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="26"/>
        <source>material</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="26"/>
        <source>maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="27"/>
        <source>quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="27"/>
        <source>no operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="28"/>
        <source>other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="33"/>
        <source>production entry locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="34"/>
        <source>production entry unlocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="35"/>
        <source>message from a supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="38"/>
        <source>by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="47"/>
        <source>Production entry is locked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="50"/>
        <source>Lot %1 is not complete: %2 of %3 boxes registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="54"/>
        <source>Stops not classified yet: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="56"/>
        <source>Stops still running: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="58"/>
        <source>Changes of this station not on the share yet: %1 (kept on this PC; they go when the share is back)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="65"/>
        <source>This shift&apos;s handover is already signed and cannot change. Add a signed note to it instead. Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="68"/>
        <source>This handover was already acknowledged. Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="70"/>
        <source>You signed this handover: the person taking the station over acknowledges it. Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="72"/>
        <source>This handover is not on this station. Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="73"/>
        <source>The notes contain characters that are not allowed (control or direction characters). Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="75"/>
        <source>Write the note first. Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="76"/>
        <source>The notes are longer than 2000 characters. Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="78"/>
        <source>Your signing key is not open on this PC: log in again (if it persists, an admin resets your password). Nothing was signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="82"/>
        <source>Wrong user name or password, or the account is locked. Nothing was signed; after repeated wrong entries the account is locked for a while.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="90"/>
        <source>Station %1 · shift %2 of %3 · %4 to %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="98"/>
        <source>Boxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="99"/>
        <source>%1 boxes registered, %2 voided · lots: %3 · up to %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="102"/>
        <source>Rejections by defect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="106"/>
        <source>No rejections in this shift.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="107"/>
        <source>Stops by reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="110"/>
        <source>Stops are not recorded on this version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="112"/>
        <source>No stops in this shift.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="118"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="118"/>
        <source>Stops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="118"/>
        <source>Minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="119"/>
        <source>Still running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="120"/>
        <source>Alarms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="123"/>
        <source>No alarms in this shift.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="124"/>
        <source>Open issues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="127"/>
        <source>Nothing left open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="141"/>
        <source>Notes of the outgoing shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="142"/>
        <source>No notes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="143"/>
        <source>Signatures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="144"/>
        <source>Handed over by %1 (%2) at %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="148"/>
        <source>Acknowledged by %1 (%2) at %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="151"/>
        <source>Not acknowledged yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="153"/>
        <source>Note added by %1 (%2) at %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="158"/>
        <source>A signature here does not hold: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InsightDetails</name>
    <message>
        <location filename="../admin/insights_details.py" line="34"/>
        <source>Figures of the selected station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="37"/>
        <source>Figure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="37"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="68"/>
        <location filename="../admin/insights_details.py" line="72"/>
        <source>Mean CAM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="70"/>
        <source>Quality score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="71"/>
        <source>Quality score: 100 − 10 × mean CAM, from 0 to 100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="73"/>
        <source>Average of mean CAM-D and mean CAM-W</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="74"/>
        <source>CAM-D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="76"/>
        <source>CAM-W</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="81"/>
        <source>Trend: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="83"/>
        <source>First half (n = %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="85"/>
        <source>Second half (n = %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="87"/>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="90"/>
        <source>Mean CAM by shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="93"/>
        <source>Shift %1 (n = %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="96"/>
        <source>%1 · worst</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="100"/>
        <source>% of rejections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="101"/>
        <source>Top defects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="102"/>
        <source>Top locations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="107"/>
        <source>%1 (%2×)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="113"/>
        <source>not recorded (%1×)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="115"/>
        <source>%1: rejections imported from the old system without their location. Not ranked; per cent of all rejections, while the locations above count only known locations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="120"/>
        <source>high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="120"/>
        <source>medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="120"/>
        <source>low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="121"/>
        <source>Defect frequency · risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="121"/>
        <source>% of boxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="122"/>
        <source>Per cent of the boxes with the defect: from 20 % high, from 10 % medium, else low. A frequency, not a prediction.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="125"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="130"/>
        <source>Anomalies (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Insights</name>
    <message>
        <location filename="../admin/insights_texts.py" line="31"/>
        <source>improving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="32"/>
        <source>worsening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="33"/>
        <source>stable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="34"/>
        <source>not enough data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="38"/>
        <source>Site: every record of the period together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="39"/>
        <source>Records (boxes) in the period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="40"/>
        <source>Quality score: 100 − 10 × mean CAM, from 0 to 100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="41"/>
        <source>Average of mean CAM-D and mean CAM-W</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="42"/>
        <source>Mean CAM of the second half of the records against the first; within ±10 % is stable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="44"/>
        <source>Shift with the highest mean CAM (at least 3 boxes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="45"/>
        <source>Most frequent defect and its share of the rejections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="46"/>
        <source>CAM above mean + 2σ, week over week rise above 30 %, a defect in 3 or more consecutive boxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="55"/>
        <source>CAM-D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="55"/>
        <source>CAM-W</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="56"/>
        <source>%1 &gt; %2 (mean + 2σ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/insights_texts.py" line="58"/>
        <location filename="../admin/insights_texts.py" line="64"/>
        <source>%n box(es)</source>
        <translation>
            <numerusform>%n box</numerusform>
            <numerusform>%n boxes</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="60"/>
        <source>Week of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="61"/>
        <source>%1 → %2 (%3 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="63"/>
        <source>%1 · %2 in a row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="71"/>
        <source>Mean CAM %1 % is in the critical band (from %2 %): inspect the machine and the process first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="76"/>
        <source>Week of %1: mean CAM rose from 0 to %2 %. Look for what changed that week.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="79"/>
        <source>Week of %1: mean CAM rose %2 % over the week before (%3 % → %4 %). Look for what changed that week.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="84"/>
        <source>Mean CAM rose %1 % from the first to the second half of the period (%2 % → %3 %). Check recent changes of lot, material or settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="90"/>
        <source>%1 in %2 consecutive boxes at station %3: check the tooling and the settings for this defect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="94"/>
        <source>Boxes with CAM above the mean + 2σ: %1. Review them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="98"/>
        <source>%1 is in %2 % of the boxes: act on this defect first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="100"/>
        <source>%1 is in %2 % of the boxes, mostly at %3: act on this defect first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="104"/>
        <source>Shift %1 has mean CAM %2 %, above the overall %3 %: review how that shift works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="108"/>
        <source>Mean CAM %1 % is in the attention band (from %2 %): keep watching this station.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="112"/>
        <source>No rule fired: no action suggested.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/insights_texts.py" line="118"/>
        <source>%n shorter run(s) of a repeated defect, not listed</source>
        <translation>
            <numerusform>%n shorter run of a repeated defect, not listed</numerusform>
            <numerusform>%n shorter runs of a repeated defect, not listed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/insights_texts.py" line="129"/>
        <source>%n more recommendation(s) for shorter runs of a repeated defect, not listed</source>
        <translation>
            <numerusform>%n more recommendation for shorter runs of a repeated defect, not listed</numerusform>
            <numerusform>%n more recommendations for shorter runs of a repeated defect, not listed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/insights_texts.py" line="124"/>
        <source>+ %n shorter run(s)</source>
        <translation>
            <numerusform>+ %n shorter run</numerusform>
            <numerusform>+ %n shorter runs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InsightsModel</name>
    <message>
        <location filename="../admin/insights_model.py" line="37"/>
        <source>Station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_model.py" line="37"/>
        <source>Boxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_model.py" line="37"/>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_model.py" line="38"/>
        <source>Mean CAM %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_model.py" line="38"/>
        <source>Trend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_model.py" line="38"/>
        <source>Worst shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_model.py" line="39"/>
        <source>Top defect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_model.py" line="39"/>
        <source>Anomalies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_model.py" line="48"/>
        <source>Site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_model.py" line="93"/>
        <source>%1 (%2 %)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InsightsTab</name>
    <message>
        <location filename="../admin/insights_tab.py" line="87"/>
        <source>Show rows…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_tab.py" line="103"/>
        <source>Recommendations (rules over these statistics)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_tab.py" line="172"/>
        <source>Computing the statistics…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_tab.py" line="177"/>
        <source>The statistics could not be computed (%1); the figures shown are the last ones. Press Refresh to try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_tab.py" line="201"/>
        <source>No records in this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_tab.py" line="60"/>
        <source>Figures per station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_tab.py" line="77"/>
        <source>Recommendations</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/insights_tab.py" line="199"/>
        <source>%n record(s) · descriptive statistics, not predictions</source>
        <translation>
            <numerusform>%n record · descriptive statistics, not predictions</numerusform>
            <numerusform>%n records · descriptive statistics, not predictions</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/insights_tab.py" line="233"/>
        <source>Selected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/insights_tab.py" line="235"/>
        <source>Selected: %1 (%n record(s))</source>
        <translation>
            <numerusform>Selected: %1 (%n record)</numerusform>
            <numerusform>Selected: %1 (%n records)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/insights_tab.py" line="277"/>
        <source>Details: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/insights_tab.py" line="291"/>
        <source>Not enough records for recommendations.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LabelDialog</name>
    <message>
        <location filename="../label_dialog.py" line="58"/>
        <source>Print a label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="71"/>
        <source>Why again? At least 10 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="72"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="74"/>
        <source>Print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="78"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="82"/>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="120"/>
        <source>Box %1 of lot %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="125"/>
        <source>Label of lot %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="146"/>
        <source>Nothing to label yet: register a box or set the lot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="158"/>
        <source>Printer: Zebra at %1 (from the site catalog).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="160"/>
        <source>Printer: you choose a system printer when you print.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../label_dialog.py" line="162"/>
        <source>This label was printed %n time(s) already. A reprint is marked REPRINT and needs a reason.</source>
        <translation>
            <numerusform>This label was printed %n time already. A reprint is marked REPRINT and needs a reason.</numerusform>
            <numerusform>This label was printed %n times already. A reprint is marked REPRINT and needs a reason.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="194"/>
        <source>Sending the label to the printer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="225"/>
        <source>Reprinted (copy %1), marked REPRINT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="226"/>
        <source>Printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="233"/>
        <source>Not printed: the print dialog was closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="235"/>
        <source>This is a reprint: type why in Reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="241"/>
        <source>Your role may not print labels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="244"/>
        <source>The printer %1 did not take the label (%2). Nothing was printed or recorded. Check that it is on, connected and has labels, then print again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="249"/>
        <source>The label could not be printed and nothing was recorded. The log has the details.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LabelTemplateEditor</name>
    <message>
        <location filename="../admin/catalog_labels.py" line="72"/>
        <location filename="../admin/catalog_labels.py" line="185"/>
        <location filename="../admin/catalog_labels.py" line="189"/>
        <source>Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_labels.py" line="78"/>
        <source>%1 dpi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_labels.py" line="83"/>
        <source>Code 128</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_labels.py" line="84"/>
        <source>QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_labels.py" line="88"/>
        <source>201 10.0.0.21
202 zebra-202.plant.local:9100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_labels.py" line="106"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_labels.py" line="107"/>
        <source>Barcodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_labels.py" line="108"/>
        <source>Fields shown, top to bottom (drag to reorder):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_labels.py" line="110"/>
        <source>Zebra printers (ZPL over the network, port 9100): one line per station, &quot;station address&quot;. Other stations print on a printer chosen at the PC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_labels.py" line="187"/>
        <source>Zebra printers, line %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../label_texts.py" line="17"/>
        <source>Lot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="17"/>
        <source>Box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="18"/>
        <source>Boxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="18"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="19"/>
        <source>Station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="19"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="20"/>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="20"/>
        <source>BOX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="21"/>
        <source>LOT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="21"/>
        <source>REPRINT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="32"/>
        <source>The Code 128 does not fit: make the label wider or use a printer with more dots per inch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="34"/>
        <source>The QR code does not fit: make the label taller.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="35"/>
        <source>The text would be too small to read: show fewer fields or make the label taller.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="43"/>
        <source>it is too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="44"/>
        <source>it holds characters a label never has</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="45"/>
        <source>its parts are not lot, box and total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="46"/>
        <source>its lot code is not valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="47"/>
        <source>its box or total is not a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="48"/>
        <source>its box is not a box of the lot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="50"/>
        <source>This label could not be read (%1). Nothing was changed: scan it again or type the lot.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <location filename="../wizard/start_pages.py" line="40"/>
        <source>Welcome to Shopfloor Collector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/start_pages.py" line="41"/>
        <source>This PC is not set up yet. A few questions, and it is ready. First, the language:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LegacyUsers</name>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="74"/>
        <source>Line %1: the login is empty, so this row is no account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="71"/>
        <source>Line %1: the login &quot;%2&quot; cannot be a username here (2 to 32 letters a-z, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;; no spaces or accents). Create this account by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="76"/>
        <source>Line %1: the login &quot;%2&quot; appears earlier in the file; this copy was not imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="79"/>
        <source>Line %1: the account type &quot;%2&quot; is not Desenvolvedor, Coordenador, Encarregado, Analista or Operador; the role is not guessed. Create this account by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="83"/>
        <source>Line %1: the full name has control characters or more than 100 characters. Fix it in the file or create this account by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="86"/>
        <source>Line %1: it has a different number of fields than the header (a comma inside a name must be quoted). Fix the line or create this account by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="89"/>
        <source>Line %1: it cannot be read as CSV. Fix the line or create this account by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="94"/>
        <source>Line %1: the account &quot;%2&quot; was refused (%3). Create it by hand.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LegacyUsersDialog</name>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="107"/>
        <source>Accounts imported from the old system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="114"/>
        <source>%1: %2 account(s) created, %3 already existed (not changed), %4 line(s) not imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="130"/>
        <source>These one-time passwords are shown only now. Print them or note them and give each person their own: at the first login each person chooses a new password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="142"/>
        <source>Already exist, not changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="145"/>
        <source>No full name in the file (the login is used until changed): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="148"/>
        <source>The import was stopped: only the accounts listed were created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="152"/>
        <source>The file holds the old passwords in plain text. They were not read; delete the file or keep it where only admins can read it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="162"/>
        <source>Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="175"/>
        <source>Accounts imported from %1 by %2 on %3. Each password works once: at the first login the person chooses their own. Hand each slip to its person only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="179"/>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="179"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="179"/>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="180"/>
        <source>One-time password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="181"/>
        <source>One-time passwords</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LiveRange</name>
    <message>
        <location filename="../admin/time_range.py" line="96"/>
        <source>until now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/time_range.py" line="98"/>
        <source>The range follows the clock: what arrives is shown. Untick to choose a fixed end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/time_range.py" line="104"/>
        <source>from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/time_range.py" line="104"/>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogViewer</name>
    <message>
        <location filename="../log_viewer.py" line="49"/>
        <location filename="../log_viewer.py" line="119"/>
        <location filename="../log_viewer.py" line="201"/>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="55"/>
        <source>Show only lines containing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="66"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="67"/>
        <source>Save as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="68"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="70"/>
        <source>Log lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="83"/>
        <source>Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="86"/>
        <source>Last lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="120"/>
        <source>Only an administrator can view the log. Your attempt was recorded; ask an administrator if you need something from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="148"/>
        <source>The log could not be read: %1. Nothing was changed; try Refresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="161"/>
        <source>There is no log file yet (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../log_viewer.py" line="163"/>
        <source>%n line(s) containing “%2”, newest at the bottom. File: %3</source>
        <translation>
            <numerusform>%n line containing “%2”, newest at the bottom. File: %3</numerusform>
            <numerusform>%n lines containing “%2”, newest at the bottom. File: %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../log_viewer.py" line="165"/>
        <source>The last %n line(s), newest at the bottom. File: %2</source>
        <translation>
            <numerusform>The last %n line, newest at the bottom. File: %2</numerusform>
            <numerusform>The last %n lines, newest at the bottom. File: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../log_viewer.py" line="194"/>
        <source>Saved %n line(s) to %2.</source>
        <translation>
            <numerusform>Saved %n line to %2.</numerusform>
            <numerusform>Saved %n lines to %2.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="180"/>
        <source>Save the log as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="181"/>
        <source>Text files (*.txt *.log);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="191"/>
        <source>The log was not saved to %1: %2. Nothing was written there; choose another folder.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <location filename="../login_page.py" line="54"/>
        <source>Shopfloor Collector: log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../login_page.py" line="57"/>
        <source>Office PC %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../login_page.py" line="58"/>
        <source>Station %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../login_page.py" line="60"/>
        <source>Log in to open the admin panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../login_page.py" line="61"/>
        <source>Log in to record production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../login_page.py" line="65"/>
        <source>Username or badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../login_page.py" line="67"/>
        <location filename="../login_page.py" line="86"/>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../login_page.py" line="68"/>
        <source>Caps Lock is on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../login_page.py" line="72"/>
        <source>Log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../login_page.py" line="85"/>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../login_page.py" line="112"/>
        <source>There are no user accounts on this PC yet. Create the site and its first admin with: shopfloor site create (or shopfloor user add NAME --role admin).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../login_page.py" line="128"/>
        <source>Type your username and password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../login_page.py" line="149"/>
        <source>Wrong username or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../login_page.py" line="167"/>
        <source>You must change your password before you can work. Log in again to change it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LotDialog</name>
    <message>
        <location filename="../lot_dialog.py" line="26"/>
        <source>Lot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../lot_dialog.py" line="28"/>
        <source>Lot %1 is complete. Scan or type the next lot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../lot_dialog.py" line="29"/>
        <source>Scan or type the lot code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../lot_dialog.py" line="39"/>
        <source>Lot code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../lot_dialog.py" line="41"/>
        <source>Total boxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../lot_dialog.py" line="43"/>
        <source>Current box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../lot_dialog.py" line="48"/>
        <source>Set lot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../lot_dialog.py" line="49"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LotRecord</name>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="68"/>
        <source>Lot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="69"/>
        <source>Product (size)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="70"/>
        <source>Stations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="71"/>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="72"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="73"/>
        <source>Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="74"/>
        <source>Content SHA-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="75"/>
        <source>Printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="76"/>
        <source>%1 by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="77"/>
        <source>Lot record %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="78"/>
        <source>Boxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="79"/>
        <source>Station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="80"/>
        <source>Box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="81"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="82"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="83"/>
        <source>Rejections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="84"/>
        <source>CAM-D %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="85"/>
        <source>CAM-W %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="86"/>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="87"/>
        <source>Origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="88"/>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="89"/>
        <source>No records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="90"/>
        <source>Changed values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="91"/>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="92"/>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="93"/>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="94"/>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="95"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="96"/>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="97"/>
        <source>No changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="98"/>
        <source>invalidated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="99"/>
        <source>in force</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="100"/>
        <source>person&apos;s key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="101"/>
        <source>this PC&apos;s chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="102"/>
        <source>Not a decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="103"/>
        <source>Signatures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="104"/>
        <source>Meaning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="105"/>
        <source>Printed name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="106"/>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="107"/>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="108"/>
        <source>Date and time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="109"/>
        <source>Content hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="110"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="111"/>
        <source>Signed with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="112"/>
        <source>No decision signed yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="113"/>
        <source>not acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="114"/>
        <source>Exceptions and acknowledgements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="115"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="116"/>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="117"/>
        <source>Acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="118"/>
        <source>No exceptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="119"/>
        <source>intact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="120"/>
        <source>NOT INTACT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="123"/>
        <source>NOT VERIFIED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="124"/>
        <source>Audit verify of the chains involved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="125"/>
        <source>Chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="126"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="127"/>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="128"/>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="129"/>
        <source>No chain could be verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="238"/>
        <source>Lot %1 · page %2 of %3 · content SHA-256 %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="254"/>
        <source>Making the record of lot %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="257"/>
        <source>Making the record of lot %1: %2 of %3 rows laid out…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="262"/>
        <source>The record of lot %1 was written to %2 (%3 pages).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="268"/>
        <source>Cancelled; no file was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="270"/>
        <source>Your role may not print lot records; no file was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="272"/>
        <source>The lot record could not be written (%1); no file was written. Check that the folder exists and can be written to, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Lots</name>
    <message>
        <location filename="../admin/lot_texts.py" line="38"/>
        <source>Lot decisions (declare complete, release, put on hold, reject, reopen) are signed by: %1. Your role (%2) can see the lots, their decisions and the lot record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="45"/>
        <source>open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="45"/>
        <location filename="../admin/lot_texts.py" line="64"/>
        <source>complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="46"/>
        <location filename="../admin/lot_texts.py" line="62"/>
        <source>released</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="46"/>
        <location filename="../admin/lot_texts.py" line="62"/>
        <source>on hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="47"/>
        <location filename="../admin/lot_texts.py" line="63"/>
        <source>rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="50"/>
        <source>released, INVALIDATED: its records changed after the signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="55"/>
        <source>Release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="55"/>
        <source>Put on hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="56"/>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="56"/>
        <source>Reopen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="57"/>
        <source>Declare complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="63"/>
        <source>reopened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="71"/>
        <source>Correction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="71"/>
        <source>Void</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="72"/>
        <source>Manual record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="72"/>
        <source>Conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="73"/>
        <source>Outside the band</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="73"/>
        <source>Missing boxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="74"/>
        <source>Repeated box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="74"/>
        <source>Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="75"/>
        <source>Alarm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="75"/>
        <source>Clock skew</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="76"/>
        <source>Audit chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="97"/>
        <source>Box %1 corrected (version %2) by %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="98"/>
        <source>Box %1 voided (version %2) by %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="102"/>
        <source>Box %1 entered by hand by %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="106"/>
        <source>Box %1: version %2 written by two PCs (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="108"/>
        <source>Box %1: version %2 written from version %3, not the one before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="112"/>
        <source>Box %1: %2 is %3 (critical band from %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="116"/>
        <source>Boxes %1 to %2 are missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="119"/>
        <source>Box %1 registered %2 times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="122"/>
        <source>Station locked or unlocked (%1) at %2 by %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="126"/>
        <source>Alarm %1 (%2) acknowledged by %3 at %4: %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="132"/>
        <source>The station&apos;s clock is %1 s off this PC&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="135"/>
        <source>Box %1 is stamped %2, before box %3 (%4): the station&apos;s clock went back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="139"/>
        <source>Box %1 is stamped %2, ahead of this PC&apos;s clock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="143"/>
        <source>The station&apos;s audit chain could not be verified: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="145"/>
        <source>The station&apos;s audit chain is not intact: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="152"/>
        <source>Say what you checked: a note is required. Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="153"/>
        <source>Acknowledge every exception before releasing; nothing was signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="156"/>
        <source>Your signing key is not open on this PC: log in again (if it persists, an admin resets your password). Nothing was signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="158"/>
        <source>Wrong user name or password, or the account is locked. Nothing was signed; after repeated wrong entries the account is locked for a while.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="161"/>
        <source>This PC holds no records of this lot; nothing was signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="162"/>
        <source>The lot&apos;s status does not allow this decision now; nothing was signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="164"/>
        <source>The lot changed since you opened it: review it again. Nothing was signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="166"/>
        <source>This PC&apos;s clock is behind the time of the lot&apos;s last decision; nothing was signed. Set this PC&apos;s clock right (the Stations tab shows each PC&apos;s clock skew), then sign again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LotsModel</name>
    <message>
        <location filename="../admin/lots_model.py" line="24"/>
        <source>Lot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="25"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lots_model.py" line="24"/>
        <source>Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lots_model.py" line="25"/>
        <source>Stations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lots_model.py" line="25"/>
        <source>First box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lots_model.py" line="25"/>
        <source>Last box</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LotsTab</name>
    <message>
        <location filename="../admin/lots_tab.py" line="46"/>
        <source>Lots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lots_tab.py" line="58"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lots_tab.py" line="60"/>
        <source>Review and sign…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lots_tab.py" line="71"/>
        <source>Lot record (PDF)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lots_tab.py" line="123"/>
        <source>&lt;b&gt;Lot %1&lt;/b&gt;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lots_tab.py" line="126"/>
        <source>No decision signed yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lots_tab.py" line="131"/>
        <source>%1 — %2 (%3), %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lots_tab.py" line="136"/>
        <source>invalidated: the lot&apos;s records changed after it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lots_tab.py" line="141"/>
        <source>Not a decision: event %1 of %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lots_tab.py" line="164"/>
        <source>Save the lot record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lots_tab.py" line="165"/>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/lots_tab.py" line="172"/>
        <source>The lots could not be read (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MachineTable</name>
    <message>
        <location filename="../admin/machine_table.py" line="27"/>
        <source>Machine table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/machine_table.py" line="23"/>
        <source>Station (machine)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/machine_table.py" line="23"/>
        <source>Capsule size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/machine_table.py" line="24"/>
        <source>Unit weight (mg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/machine_table.py" line="24"/>
        <source>Add machine</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../messages.py" line="26"/>
        <source>Lot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="27"/>
        <source>Box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="28"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="29"/>
        <source>CAM-D %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="30"/>
        <source>CAM-W %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="31"/>
        <source>Unit weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="32"/>
        <source>Total boxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="33"/>
        <source>Current box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="34"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="35"/>
        <source>Rejections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="40"/>
        <source>Defect %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="41"/>
        <source>Location %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="49"/>
        <source>location not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="66"/>
        <source>Required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="71"/>
        <source>Type a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="75"/>
        <source>Must be at least %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="76"/>
        <source>Must be from %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="85"/>
        <source>Contains invisible or control characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="87"/>
        <source>Use letters, digits, space and . _ / # - only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="89"/>
        <source>Not in the list: choose one of the options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="91"/>
        <source>Choose the defect for this location.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="93"/>
        <source>Choose where the defect is (Cap, Body, Cap/Body).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="98"/>
        <source>2 to 32 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="100"/>
        <source>Wrong kind of value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="68"/>
        <source>Type a number, e.g. %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../messages.py" line="79"/>
        <source>Too long (at most %n character(s)).</source>
        <translation>
            <numerusform>Too long (at most %n character).</numerusform>
            <numerusform>Too long (at most %n characters).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../messages.py" line="82"/>
        <source>Too short (at least %n character(s)).</source>
        <translation>
            <numerusform>Too short (at least %n character).</numerusform>
            <numerusform>Too short (at least %n characters).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../messages.py" line="95"/>
        <source>At most %n rejection(s).</source>
        <translation>
            <numerusform>At most %n rejection.</numerusform>
            <numerusform>At most %n rejections.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../messages.py" line="102"/>
        <source>Not a time zone: choose one from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="104"/>
        <source>Appears twice; keep one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="106"/>
        <source>Reserved for imported rejections whose location was not recorded; choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="110"/>
        <source>The bands must rise: excellent below good below attention.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="112"/>
        <source>The maximum must be above the minimum.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="114"/>
        <source>Critical must be above warning.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="120"/>
        <source>No lot is set. Set the lot first (Lot… button).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="122"/>
        <source>This lot is complete. Set the next lot to continue; nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="124"/>
        <source>Production entry is locked by a supervisor: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="127"/>
        <source>This record is voided and cannot be changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="129"/>
        <source>This record no longer exists here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="131"/>
        <source>This station is not in the machine table; choose one from the list. Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="133"/>
        <source>The date and time are in the future. Enter when the box was really made; nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="135"/>
        <source>Wrong password (or the account is locked): nothing was saved. After repeated wrong entries your account is locked for a while.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="137"/>
        <source>A change to another station&apos;s record must be signed with your password; nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="139"/>
        <source>This lot is released (or rejected): its records cannot change until a quality person reopens it with a reason and a signature. Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="141"/>
        <source>Your signature cannot be checked here, so nothing was saved. Tell your administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../messages.py" line="147"/>
        <source>The password needs at least %n character(s).</source>
        <translation>
            <numerusform>The password needs at least %n character.</numerusform>
            <numerusform>The password needs at least %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../messages.py" line="150"/>
        <source>The password may have at most 72 bytes (accented letters count as 2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="152"/>
        <source>This password is too common or too easy to guess.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="154"/>
        <source>The new password must differ from the old one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="156"/>
        <source>The password must not be the username.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="158"/>
        <source>The password must not contain the username: it is the first thing tried. Choose words that have nothing to do with the person, such as three unrelated words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="160"/>
        <source>The password must not contain the person&apos;s name: it is the first thing tried. Choose words that have nothing to do with the person, such as three unrelated words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="162"/>
        <source>A common word with digits or a year added is among the first guesses. Choose three or four unrelated words instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="164"/>
        <source>The password contains invisible characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../messages.py" line="165"/>
        <source>This password cannot be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../i18n.py" line="69"/>
        <source>decimal-separator</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModePage</name>
    <message>
        <location filename="../wizard/start_pages.py" line="72"/>
        <source>Create a new site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/start_pages.py" line="73"/>
        <source>The first PC of a plant. You choose a shared folder that every PC can open, the site passphrase, and the first admin account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/start_pages.py" line="76"/>
        <source>Join a site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/start_pages.py" line="77"/>
        <source>Another PC of a plant whose site exists already. You need the shared folder and the site passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/start_pages.py" line="80"/>
        <source>Try it on this PC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/start_pages.py" line="81"/>
        <source>Everything stays on this PC, to see how the app works. You choose the admin&apos;s username and password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/start_pages.py" line="85"/>
        <source>How will this PC be used?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/start_pages.py" line="92"/>
        <source>Choose one of the three.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Numbers</name>
    <message>
        <location filename="../numbers.py" line="40"/>
        <source>%1 g</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../numbers.py" line="42"/>
        <source>%1 mg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../numbers.py" line="65"/>
        <source>CSV: numbers with a decimal point, columns separated by commas, column names in English.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../numbers.py" line="68"/>
        <source>Excel: real numbers (Excel shows them in its own language), column names in English.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Oee</name>
    <message>
        <location filename="../admin/oee_texts.py" line="16"/>
        <source>&lt;b&gt;Planned time&lt;/b&gt;: the shift&apos;s length minus the planned breaks of the shift plan (up to now for the shift under way); a shift in which a station recorded no box and no stop was not planned for it. &lt;b&gt;Downtime&lt;/b&gt;: the stops (no box for the catalog&apos;s minutes, or declared by the operator) without their planned-break parts. &lt;b&gt;Availability&lt;/b&gt; = (planned − downtime) / planned. &lt;b&gt;Performance&lt;/b&gt; = boxes × ideal time per box of their size (catalog) / run time. &lt;b&gt;Quality&lt;/b&gt; = boxes without a rejection / boxes. &lt;b&gt;OEE&lt;/b&gt; = availability × performance × quality. Totals are sums first, then ratios. Double-click a line for the stops and records behind it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="29"/>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="29"/>
        <source>Shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="29"/>
        <source>Station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="30"/>
        <source>Planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="30"/>
        <source>Downtime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="30"/>
        <source>Stops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="31"/>
        <source>Boxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="31"/>
        <source>Good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="32"/>
        <source>Availability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="32"/>
        <source>Performance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="33"/>
        <source>Quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="33"/>
        <source>OEE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="40"/>
        <source>Planned %1 min − downtime %2 min = run %3 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="43"/>
        <source>Availability = %1 / %2 = %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="46"/>
        <source>Performance = ideal %1 min / run %2 min = %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="50"/>
        <source>Quality = %1 good / %2 boxes = %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="52"/>
        <source>OEE = %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="73"/>
        <source>Above 100 %: the boxes came faster than the catalog&apos;s ideal rate for their size, so that rate is set too low (Catalog → Stops and OEE).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/oee_texts.py" line="80"/>
        <source>Performance above 100 % on %n line(s): the catalog&apos;s ideal rate for their sizes is set too low, so their performance and OEE read too high. Correct the ideal boxes / h in Catalog → Stops and OEE.</source>
        <translation>
            <numerusform>Performance above 100 % on %n line: the catalog&apos;s ideal rate for its size is set too low, so its performance and OEE read too high. Correct the ideal boxes / h in Catalog → Stops and OEE.</numerusform>
            <numerusform>Performance above 100 % on %n lines: the catalog&apos;s ideal rate for their sizes is set too low, so their performance and OEE read too high. Correct the ideal boxes / h in Catalog → Stops and OEE.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OeeRowsDialog</name>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="51"/>
        <source>Behind the numbers: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="56"/>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="56"/>
        <source>Ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="56"/>
        <source>Length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="56"/>
        <location filename="../admin/oee_rows_dialog.py" line="76"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="57"/>
        <source>Classified by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="57"/>
        <source>Classified at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="57"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="61"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="61"/>
        <source>Lot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="61"/>
        <source>Box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="61"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="62"/>
        <source>Rejections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="62"/>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="62"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="69"/>
        <source>Note (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="71"/>
        <source>Classify the selected stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="81"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="83"/>
        <source>Stops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="84"/>
        <source>Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="118"/>
        <source>Choose a stop in the list first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="128"/>
        <source>Recorded: stop of station %1 is now %2. The figures follow once the site view takes this PC&apos;s event.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OeeTab</name>
    <message>
        <location filename="../admin/oee_tab.py" line="56"/>
        <source>Everything (last %1 days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_tab.py" line="60"/>
        <source>per shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_tab.py" line="61"/>
        <source>per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_tab.py" line="76"/>
        <source>OEE per station and shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/oee_tab.py" line="90"/>
        <source>Rows behind the selected line…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/oee_tab.py" line="145"/>
        <source>Period: OEE %1 · availability %2 · performance %3 · quality %4 · %n box(es)</source>
        <translation>
            <numerusform>Period: OEE %1 · availability %2 · performance %3 · quality %4 · %n box</numerusform>
            <numerusform>Period: OEE %1 · availability %2 · performance %3 · quality %4 · %n boxes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OfficeWindow</name>
    <message>
        <location filename="../office_window.py" line="29"/>
        <source>Shopfloor Collector · office PC %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../office_window.py" line="32"/>
        <source>%1 · DEMO (synthetic data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../office_window.py" line="35"/>
        <source>Log out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../office_window.py" line="46"/>
        <source>This is an office PC: production is recorded at the stations, and the admin panel is for supervisors, analysts and admins. Log out when you are done.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordCheck</name>
    <message>
        <location filename="../password_check.py" line="56"/>
        <source>This account is locked until %1 after repeated wrong passwords; it unlocks by itself then. An admin can unlock it sooner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../password_check.py" line="60"/>
        <source>This account is locked until %1 after repeated wrong passwords; it unlocks by itself then. No other account here can unlock it, so wait until then. Check Caps Lock and the keyboard layout before the next try; once in, add a second admin so that one can unlock the other.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../password_check.py" line="77"/>
        <source>Tries left before your account is locked: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PcSettingsDialog</name>
    <message>
        <location filename="../pc_settings_dialog.py" line="60"/>
        <location filename="../pc_settings_dialog.py" line="177"/>
        <location filename="../pc_settings_dialog.py" line="252"/>
        <source>This PC&apos;s settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="78"/>
        <source>Only a new path to this PC&apos;s own site, for example after the share moved to another server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="80"/>
        <source>This PC is not in a site; creating or joining one is done by the first-run set-up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="86"/>
        <source>As the system (Portuguese or English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="92"/>
        <source>Automatic: 50 ms on a local folder, 500 ms on a network share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="100"/>
        <source>Show the small &quot;Register production&quot; window to operators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="104"/>
        <source>Start automatically when this PC starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="115"/>
        <source>Another disk or a server keeps a copy when this PC fails.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="118"/>
        <source>empty: the backups folder inside this PC&apos;s data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="122"/>
        <source> h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="123"/>
        <source>never (only on request)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="141"/>
        <source>Shared folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="143"/>
        <source>This PC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="144"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="145"/>
        <source>Status every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="146"/>
        <source>Commands checked every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="152"/>
        <source>keep the newest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="155"/>
        <source>Backups to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="157"/>
        <source>A backup every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="159"/>
        <source>The folder, the station, the language and the intervals take effect when the app starts again; the register window and starting with the PC at once. A newer site catalog with its own intervals replaces these.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="169"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="172"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="253"/>
        <source>Saved. Start the app again to use the new %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="263"/>
        <source>shared folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="263"/>
        <location filename="../pc_settings_dialog.py" line="264"/>
        <source>station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="264"/>
        <source>language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="265"/>
        <source>intervals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="272"/>
        <source>Only an admin can change this PC&apos;s settings. The attempt was recorded; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="276"/>
        <source>This backup folder cannot be used (%1). Nothing was saved; choose another folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="282"/>
        <source>The backup settings were saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProductionTab</name>
    <message>
        <location filename="../admin/production_tab.py" line="75"/>
        <source>lot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="77"/>
        <source>operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="79"/>
        <source>any defect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="83"/>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="85"/>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="87"/>
        <source>Export Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="89"/>
        <source>Manual record…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="92"/>
        <source>Correct…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="95"/>
        <source>Void…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="246"/>
        <source>Select a record first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="254"/>
        <source>This record is voided and cannot be changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="261"/>
        <source>This record is already voided.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="281"/>
        <source>Saved version %1 of lot %2, box %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="173"/>
        <location filename="../admin/production_tab.py" line="189"/>
        <source>all stations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="106"/>
        <source>Site records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="125"/>
        <source>Version history of the selected record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="128"/>
        <source>Select a record to see its versions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/production_tab.py" line="195"/>
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="198"/>
        <source>newest first: more than %1 match, too many to sort by %2. Narrow the filters (a station, a shorter range) to sort.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="291"/>
        <source>Record %1 · lot %2 · box %3 · registered by %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="298"/>
        <source>Version %1 · %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="301"/>
        <source>Reason: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="309"/>
        <source>CONFLICT: written from version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="323"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="336"/>
        <source>voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="336"/>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="342"/>
        <source>Export records</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/production_tab.py" line="355"/>
        <source>Exported %n record(s) to %1</source>
        <translation>
            <numerusform>Exported %n record to %1</numerusform>
            <numerusform>Exported %n records to %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="359"/>
        <source>The file was not written: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <location filename="../admin/record_dialog.py" line="123"/>
        <source>correction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/record_dialog.py" line="127"/>
        <source>Correct record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/record_dialog.py" line="127"/>
        <source>Manual record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/record_dialog.py" line="135"/>
        <source>%1 (size %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/record_dialog.py" line="142"/>
        <source>Station %1 · registered by %2 · version %3. Your correction is kept as a new version; the original stays in the history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/record_dialog.py" line="148"/>
        <source>A box entered on behalf of a station, for example while its PC was down. It is marked as manual and signed with your name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/record_dialog.py" line="150"/>
        <source>Station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/record_dialog.py" line="151"/>
        <source>Made at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../record_fields.py" line="107"/>
        <source>Some values need attention; nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordFilters</name>
    <message>
        <location filename="../admin/record_filters.py" line="25"/>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/record_filters.py" line="25"/>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/record_filters.py" line="26"/>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/record_filters.py" line="26"/>
        <source>Everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/record_filters.py" line="30"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/record_filters.py" line="36"/>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/record_filters.py" line="36"/>
        <source>Station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/record_filters.py" line="58"/>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordsBehindDialog</name>
    <message>
        <location filename="../admin/records_behind_dialog.py" line="26"/>
        <source>Records behind a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/records_behind_dialog.py" line="30"/>
        <source>%n record(s) behind: %2
Mean CAM-D of these records: %3 % · mean CAM-W: %4 % · rejections: %5</source>
        <translation>
            <numerusform>%n record behind: %2
Mean CAM-D of this record: %3 % · mean CAM-W: %4 % · rejections: %5</numerusform>
            <numerusform>%n records behind: %2
Mean CAM-D of these records: %3 % · mean CAM-W: %4 % · rejections: %5</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/records_behind_dialog.py" line="37"/>
        <source>Only the first %1 records in time order are shown: choose a shorter period or one station to see the rest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/records_behind_dialog.py" line="40"/>
        <source>The records behind the figure</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordsTableModel</name>
    <message>
        <location filename="../records_model.py" line="30"/>
        <source>Station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../records_model.py" line="30"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../records_model.py" line="32"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../records_model.py" line="32"/>
        <source>Lot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../records_model.py" line="32"/>
        <source>Box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../records_model.py" line="32"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../records_model.py" line="33"/>
        <source>Rejections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../records_model.py" line="33"/>
        <source>CAM-D %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../records_model.py" line="33"/>
        <source>CAM-W %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../records_model.py" line="34"/>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../records_model.py" line="34"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../records_model.py" line="95"/>
        <source>voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../records_model.py" line="97"/>
        <source>corrected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../records_model.py" line="98"/>
        <source>saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegisterWindow</name>
    <message>
        <location filename="../register_window.py" line="42"/>
        <location filename="../register_window.py" line="57"/>
        <source>Register production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../register_window.py" line="47"/>
        <source>⠿ drag to move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../register_window.py" line="67"/>
        <source>Station %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../register_window.py" line="70"/>
        <source>No lot set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../register_window.py" line="72"/>
        <source>Lot %1 · box %2/%3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReleaseDialog</name>
    <message>
        <location filename="../admin/release_dialog.py" line="91"/>
        <source>Review and sign lot %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="92"/>
        <source>Reading the lot…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="111"/>
        <source>What you checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="112"/>
        <source>Acknowledge selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="123"/>
        <source>Why (at least 10 characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="125"/>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="126"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="131"/>
        <source>Sign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="132"/>
        <source>Exceptions to look at before release:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="158"/>
        <source>Stations: %1 · %2 · from %3 to %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/release_dialog.py" line="160"/>
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/release_dialog.py" line="199"/>
        <source>%n exception(s) still to acknowledge before release.</source>
        <translation>
            <numerusform>%n exception still to acknowledge before release.</numerusform>
            <numerusform>%n exceptions still to acknowledge before release.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="163"/>
        <source>Content SHA-256: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="156"/>
        <source>Lot %1 · %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="202"/>
        <source>Signing as %1 (%2): your signature is bound to the lot&apos;s content as shown above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="214"/>
        <source>Select the exceptions you looked at first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="230"/>
        <source>Acknowledged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="253"/>
        <source>Signed: %1 by %2 at %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="264"/>
        <source>The lot could not be read (%1); nothing was signed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RemotePrompts</name>
    <message>
        <location filename="../remote_prompts.py" line="31"/>
        <source>Message from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../remote_prompts.py" line="33"/>
        <source>From %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../remote_prompts.py" line="35"/>
        <source>I have read it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../remote_prompts.py" line="59"/>
        <source>Close the application?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../remote_prompts.py" line="61"/>
        <source>%1 asks to restart the application now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../remote_prompts.py" line="62"/>
        <source>%1 asks to close the application now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../remote_prompts.py" line="64"/>
        <source>Everything you saved is kept.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewsModel</name>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="44"/>
        <source>Signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="44"/>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="44"/>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="45"/>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="45"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="45"/>
        <source>Valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="70"/>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="72"/>
        <source>the signature holds, but events arrived in this period after the review (%1 signed, %2 now): review it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="75"/>
        <source>the signature holds, but this PC holds fewer of the period&apos;s events than were reviewed (%1 signed, %2 here): the site view may not have read every station yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="79"/>
        <source>the signature holds, but the period&apos;s events are not those reviewed (%1 signed, %2 now): review it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="68"/>
        <source>no: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../header.py" line="272"/>
        <source>operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../header.py" line="273"/>
        <source>analyst</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../header.py" line="274"/>
        <source>supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../header.py" line="275"/>
        <source>quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../header.py" line="276"/>
        <source>admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../header.py" line="278"/>
        <source>system</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Setup</name>
    <message>
        <location filename="../wizard/texts.py" line="41"/>
        <source>Choose the shared folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="42"/>
        <source>Type the full path of the folder, for example \\server\shopfloor or /mnt/shopfloor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="43"/>
        <source>%1 is a Windows network path. On this computer the share must be mounted first (ask IT, for example under /mnt/shopfloor); then choose that folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="44"/>
        <source>Neither %1 nor %2, where it would be created, exists. Check that the drive or network share is connected, or create the folder first. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="45"/>
        <source>The folder %1 cannot be found. Check the path and that the share is connected. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="46"/>
        <source>The folder %1 does not exist. Check the path, and that the network share is connected. To make a new folder there, tick &quot;Make this folder if it does not exist yet&quot;. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="47"/>
        <source>%1 is a file, not a folder. Choose a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="48"/>
        <source>There is no Shopfloor site in %1. Choose the folder that was chosen when the site was created (it holds shopfloor-site.json), or create a new site. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="49"/>
        <source>%1 already holds a Shopfloor site. To use it, go back and choose &quot;Join a site&quot;; for a new site, choose another folder. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="50"/>
        <source>This PC may not write in %1 (permission denied). Ask IT to give this PC&apos;s user write access to the share, or choose another folder. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="51"/>
        <source>%1 is read-only. Choose a folder this PC can write to, or ask IT to make the share writable. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="52"/>
        <source>The disk that holds %1 is full. Free some space or choose another folder. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="53"/>
        <source>The network share of %1 cannot be reached: the file server may be off, the network down, or the name misspelled. Check the connection and try again. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="54"/>
        <source>This PC can create files in %1 but not delete them, and the site needs both. Ask IT for full write (modify) access to the share. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="55"/>
        <source>%1 cannot be used: %2. Choose another folder or ask IT. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="56"/>
        <source>This PC&apos;s data folder %1 is on a network drive, and the database must be on this PC&apos;s own disk (a network drive can corrupt it). Ask IT to keep the application data on the local disk. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="57"/>
        <source>A restore of this PC&apos;s database is under way, so the app cannot open it now. Nothing was opened or changed: start the app again when the restore has finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="58"/>
        <source>The site passphrase is wrong. Check it with the person who created the site (capital letters count) and type it again. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="59"/>
        <source>The site passphrase needs at least 12 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="60"/>
        <source>The site file in this folder is damaged or was not written by Shopfloor Collector. Ask the person who created the site. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="61"/>
        <source>Station %1 is in use by a PC that is running now. Choose another station, or close the app on that PC first. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="62"/>
        <source>Station %1 belongs to another PC of this site. If this PC replaces that one (it broke or was retired), tick &quot;This PC replaces that station&apos;s PC&quot; and say why; otherwise choose another station. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="39"/>
        <source>A station id has 1 to 64 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter or digit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="65"/>
        <source>Station %1 is not in the machine table. Choose a machine from the list, or make this an office PC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="66"/>
        <source>This PC already belongs to a site; nothing was changed. Start the app again to log in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="67"/>
        <source>A new site needs its first admin account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="68"/>
        <source>%1 holds another site, not this PC&apos;s. Moving this PC to another site needs that site&apos;s passphrase: set it up again. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="69"/>
        <source>This PC is not in a site, so it has no shared folder to change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="70"/>
        <source>%1 is not a time zone. Choose one from the list, for example America/Sao_Paulo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="71"/>
        <source>Starting with the PC could not be switched: %1. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="84"/>
        <source>A file could not be written: %1. Nothing more was done; check the folder and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="85"/>
        <source>Something went wrong: %1. The details are in the log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShiftTable</name>
    <message>
        <location filename="../shift_table.py" line="43"/>
        <source>Nothing has been registered in this shift yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignatureFields</name>
    <message>
        <location filename="../admin/signature_fields.py" line="30"/>
        <source>Your user name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/signature_fields.py" line="31"/>
        <source>Your password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/signature_fields.py" line="71"/>
        <source>Type your user name too: it is asked at the first signature after each login. Nothing was signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/signature_fields.py" line="83"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SitePage</name>
    <message>
        <location filename="../wizard/site_pages.py" line="86"/>
        <source>Shared folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="88"/>
        <source>Make this folder if it does not exist yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="89"/>
        <source>Site passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="90"/>
        <source>Repeat it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="91"/>
        <source>Site time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="92"/>
        <source>Shifts and every time on screen follow it, on every PC of the site. This PC&apos;s own zone is proposed; an admin can change it later in the admin panel&apos;s Catalog tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="97"/>
        <source>At least %1 characters, for example a few unrelated words. Every PC that joins the site needs it, and it cannot be recovered: write it down and keep it in a safe place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="102"/>
        <source>The passphrase chosen when the site was created; ask the person who created it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="107"/>
        <source>The site&apos;s shared folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="111"/>
        <source>Join a site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="108"/>
        <source>Choose a folder that every PC of the plant can open and write, usually on a file server. The site&apos;s files are created inside it; this PC&apos;s own records stay on this PC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="112"/>
        <source>Choose the site&apos;s shared folder (the one chosen when the site was created) and type the site passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="123"/>
        <source>Choose a time zone from the list, for example America/Sao_Paulo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="128"/>
        <source>Choose the shared folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="133"/>
        <source>The site passphrase needs at least %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="139"/>
        <source>The two passphrases differ. Type them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="144"/>
        <source>Type the site passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="164"/>
        <source>Checking the folder…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SiteRecordsModel</name>
    <message>
        <location filename="../admin/site_records_model.py" line="96"/>
        <source>Click to sort by date and time; again to reverse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/site_records_model.py" line="98"/>
        <source>Click to sort by this column (the same value: newest first); again to reverse. Only when the filters match at most %1 records: sorting more would take seconds a page, so they stay newest first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/site_records_model.py" line="102"/>
        <source>Not sortable: a box has up to three rejections. To find a defect, choose it in the filters.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SiteUpgradeDialog</name>
    <message>
        <location filename="../admin/site_upgrade.py" line="103"/>
        <source>Move the site to keys by role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="104"/>
        <source>Join the site again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="106"/>
        <source>Site passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="107"/>
        <source>Your password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="110"/>
        <source>Site passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="112"/>
        <source>Your password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="114"/>
        <source>Move the site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="114"/>
        <source>Join</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SiteUpgradeNotice</name>
    <message>
        <location filename="../admin/site_upgrade.py" line="39"/>
        <source>This PC&apos;s site was made before keys by role: no PC of it syncs until an admin moves the site to the new keys (once, on any PC: the site passphrase and the admin&apos;s password). Production goes on locally meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="42"/>
        <source>This PC&apos;s site uses keys by role now, but this PC has not joined it again: it does not sync until it does (the site passphrase; its station id and its records stay).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="46"/>
        <source>Move the site to keys by role…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="47"/>
        <source>Join the site again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="77"/>
        <source>Done. The app starts again now to use the new keys. Every other PC of the site then joins it again with the passphrase (the admin panel offers it there).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="79"/>
        <source>Done. The app starts again now to use its new key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="85"/>
        <source>The site passphrase is wrong: nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="86"/>
        <source>Another PC moved the site to keys by role meanwhile: join it again instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="90"/>
        <source>Your password is wrong, or you are not an active admin of this PC: nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="93"/>
        <source>Nothing was changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Spc</name>
    <message>
        <location filename="../admin/spc_texts.py" line="21"/>
        <source>Rule 1: beyond 3σ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_texts.py" line="22"/>
        <source>Rule 2: 2 of 3 beyond 2σ, same side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_texts.py" line="23"/>
        <source>Rule 3: 4 of 5 beyond 1σ, same side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_texts.py" line="24"/>
        <source>Rule 4: 8 in a row on one side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_texts.py" line="38"/>
        <source>No baseline frozen for this chart: the points are shown without control limits and no rule is judged. An admin chooses a stable period and freezes its limits (Freeze baseline…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_texts.py" line="42"/>
        <source>Limits frozen by %1 at %2 from %3 points (%4 to %5): centre %6, UCL %7, LCL %8, σ %9, moving-range UCL %10. Reason: %11</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_texts.py" line="54"/>
        <source>Cp/Cpk: freeze a baseline first (they use its mean and σ).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_texts.py" line="56"/>
        <source>Cp/Cpk: no specification limits for this size and measurement in the site catalog (Settings).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_texts.py" line="58"/>
        <source>Cp %1 · Cpk %2 (n = %3 baseline points)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_texts.py" line="61"/>
        <source>too few points (fewer than %1): do not accept or reject the process on these figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_texts.py" line="68"/>
        <source>This period holds %1 points of the chart; at least %2 are needed for limits. Nothing was frozen: choose a longer period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_texts.py" line="71"/>
        <source>The values of this period never change, so they give no spread to set limits from. Nothing was frozen: choose another period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_texts.py" line="77"/>
        <source>%1 out of control (SPC tab)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SpcCatalogBox</name>
    <message>
        <location filename="../admin/catalog_spc.py" line="41"/>
        <source>SPC specification limits (for Cp/Cpk)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_spc.py" line="43"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_spc.py" line="43"/>
        <source>Measurement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_spc.py" line="44"/>
        <source>Lower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_spc.py" line="44"/>
        <source>Upper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_spc.py" line="45"/>
        <source>Add limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_spc.py" line="56"/>
        <source>Fewest points of a baseline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/catalog_spc.py" line="57"/>
        <source>Cp/Cpk warned below (points)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SpcStatusModel</name>
    <message>
        <location filename="../admin/spc_model.py" line="26"/>
        <source>Station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_model.py" line="26"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_model.py" line="26"/>
        <source>Measurement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_model.py" line="27"/>
        <source>Last 8 points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_model.py" line="27"/>
        <source>Last signal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_model.py" line="29"/>
        <source>Whether one of the chart&apos;s last 8 points broke a rule (the fleet alarm). Older signals stay on the chart and in its list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_model.py" line="31"/>
        <source>The newest point that broke a rule under the limits in force, however old.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_model.py" line="55"/>
        <source>in control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_model.py" line="57"/>
        <source>Since %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_model.py" line="59"/>
        <source>out of control: rule %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SpcTab</name>
    <message>
        <location filename="../admin/spc_tab.py" line="97"/>
        <source>Station and size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="100"/>
        <location filename="../admin/spc_tab.py" line="117"/>
        <source>Measurement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="105"/>
        <source>Points shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="107"/>
        <source>last %1 points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="109"/>
        <source>Freeze baseline…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="111"/>
        <source>Admins: compute and freeze this chart&apos;s control limits from a stable period (audited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="116"/>
        <source>Chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="140"/>
        <source>Charts with frozen limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="147"/>
        <source>Individuals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="148"/>
        <source>point (oldest to newest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="150"/>
        <source>Moving range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="155"/>
        <source>CL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="155"/>
        <source>UCL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="155"/>
        <source>LCL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="175"/>
        <source>Signals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="186"/>
        <source>Signals (newest first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="262"/>
        <source>%1 · value %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StationChoice</name>
    <message>
        <location filename="../wizard/widgets.py" line="181"/>
        <source>%1 · capsule size %2, %3 each</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/widgets.py" line="228"/>
        <source>Production station, machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/widgets.py" line="229"/>
        <source>Office PC (no production entry), id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/widgets.py" line="230"/>
        <source>for example office1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/widgets.py" line="275"/>
        <source>The machine table is empty: make this an office PC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/widgets.py" line="280"/>
        <source>Type an id of 1 to 64 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter or digit, for example office1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StationHeader</name>
    <message>
        <location filename="../header.py" line="64"/>
        <source>Office PC %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../header.py" line="65"/>
        <source>Station %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../header.py" line="125"/>
        <source>DEMO · synthetic data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../header.py" line="127"/>
        <source>A demo plant made by &quot;shopfloor demo&quot;: its stations are simulated, and nothing in it (records, stops, figures) is a real plant&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../header.py" line="163"/>
        <source>Share status unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../header.py" line="170"/>
        <source>Size %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../header.py" line="170"/>
        <source>Size: —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../header.py" line="175"/>
        <source>No lot set</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../header.py" line="177"/>
        <source>Lot %1 complete (%n box(es))</source>
        <translation>
            <numerusform>Lot %1 complete (%n box)</numerusform>
            <numerusform>Lot %1 complete (%n boxes)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../header.py" line="180"/>
        <source>Lot %1 · box %2/%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../header.py" line="216"/>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../header.py" line="218"/>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../header.py" line="219"/>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../header.py" line="253"/>
        <source>Not syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../header.py" line="255"/>
        <source>records held on this PC (the station&apos;s journal on the share goes on past this PC&apos;s chain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../header.py" line="258"/>
        <source>This PC&apos;s database cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../header.py" line="259"/>
        <source>changes waiting unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../header.py" line="224"/>
        <source>Not in a site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../header.py" line="238"/>
        <source>Share: connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../header.py" line="240"/>
        <source>Share online · last sync %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../header.py" line="243"/>
        <source>Share online · synced %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../header.py" line="246"/>
        <source>%1 behind</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../header.py" line="250"/>
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n change waiting</numerusform>
            <numerusform>%n changes waiting</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../header.py" line="253"/>
        <source>saving on this PC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../header.py" line="235"/>
        <source>Share offline since %1 · saving on this PC</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StationPage</name>
    <message>
        <location filename="../wizard/station_page.py" line="65"/>
        <source>This PC replaces that station&apos;s PC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/station_page.py" line="66"/>
        <source>Why, e.g. the old PC&apos;s disk failed (at least 10 characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/station_page.py" line="68"/>
        <source>Reason for the replacement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/station_page.py" line="70"/>
        <source>Start automatically when this PC starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/station_page.py" line="71"/>
        <source>For production stations: after a restart or a power cut the login window opens by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/station_page.py" line="73"/>
        <source>A production station records the boxes of its machine. An office PC records nothing; supervisors and admins get the admin panel there right after login.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard/station_page.py" line="78"/>
        <source>What is this PC?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StationWindow</name>
    <message>
        <location filename="../station_window.py" line="53"/>
        <source>Shopfloor Collector · station %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../station_window.py" line="74"/>
        <source>Lot… (F2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../station_window.py" line="81"/>
        <source>Scan a new lot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../station_window.py" line="83"/>
        <source>Log out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../station_window.py" line="88"/>
        <source>Records of this shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../station_window.py" line="93"/>
        <source>Correct record…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../station_window.py" line="111"/>
        <source>This shift at this station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../station_window.py" line="236"/>
        <source>No lot is set. An operator or a supervisor sets it at this station.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../station_window.py" line="239"/>
        <source>Lot %1 is complete. Set the next lot to go on: Lot… (F2), or scan its code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../station_window.py" line="241"/>
        <source>Lot %1 is complete. An operator or a supervisor sets the next lot at this station.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../station_window.py" line="312"/>
        <source>%1 · %2 · mean CAM-D %3 · mean CAM-W %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../station_window.py" line="313"/>
        <source>%n box(es)</source>
        <translation>
            <numerusform>%n box</numerusform>
            <numerusform>%n boxes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../station_window.py" line="314"/>
        <source>%n rejection(s)</source>
        <translation>
            <numerusform>%n rejection</numerusform>
            <numerusform>%n rejections</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../shift_export.py" line="61"/>
        <source>Exported %n record(s) to %1</source>
        <translation>
            <numerusform>Exported %n record to %1</numerusform>
            <numerusform>Exported %n records to %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../station_window.py" line="134"/>
        <source>Export this shift to CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../station_window.py" line="96"/>
        <source>Label… (F6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../station_window.py" line="135"/>
        <source>Export this shift to Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../station_window.py" line="140"/>
        <source>Admin panel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../station_window.py" line="235"/>
        <source>Set the lot before registering (Lot… or F2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../station_window.py" line="256"/>
        <source>Your role may not register production.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../station_window.py" line="259"/>
        <source>Saved: lot %1, box %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shift_export.py" line="39"/>
        <source>Export this shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shift_export.py" line="67"/>
        <source>Export refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shift_export.py" line="67"/>
        <source>Nothing was exported: a record on this PC is not what its audit trail says (%1). Keep this PC as it is, verify the audit trail (Tools menu) and call your administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shift_export.py" line="76"/>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../shift_export.py" line="76"/>
        <source>The file was not written: %1. Your records are safe in this PC&apos;s database; try another folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../station_window.py" line="356"/>
        <source>Admin panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../station_window.py" line="357"/>
        <source>Your password, to open the admin panel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../station_window.py" line="358"/>
        <location filename="../station_window.py" line="363"/>
        <source>Wrong password: the admin panel was not opened.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StopButton</name>
    <message>
        <location filename="../stop_button.py" line="31"/>
        <source>Machine state and stops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../stop_button.py" line="59"/>
        <source>Stops… (down %1 · %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../stop_button.py" line="63"/>
        <source>Stops… (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StopsDialog</name>
    <message>
        <location filename="../stops_dialog.py" line="33"/>
        <source>Stops of this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="39"/>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="39"/>
        <source>Ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="39"/>
        <source>Length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="39"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="40"/>
        <source>Classified by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="43"/>
        <source>Recent stops of this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="62"/>
        <source>Note (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="65"/>
        <source>Give the selected stop this reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="67"/>
        <source>Machine down now, for this reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="69"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="80"/>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="98"/>
        <source>Down for %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="120"/>
        <source>Choose a reason first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="130"/>
        <source>Choose the stop in the list first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="135"/>
        <source>The stop now has the reason %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="141"/>
        <source>Stop recorded from now, reason %1. The next box ends it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncNotice</name>
    <message>
        <location filename="../sync_notice.py" line="24"/>
        <source>Confirm the takeover…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TakeoverDialog</name>
    <message>
        <location filename="../takeover_dialog.py" line="28"/>
        <source>Confirm the takeover of station %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../takeover_dialog.py" line="31"/>
        <source>The last run of station %1 on the shared folder was not this PC&apos;s: another copy of this PC (a restored backup, a copied disk) ran as the station. Until someone confirms, this PC records production only locally and runs no command.

Confirm only if that other copy is switched off for good. Your name, the time and the reason are kept in the audit trail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../takeover_dialog.py" line="39"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../takeover_dialog.py" line="40"/>
        <source>e.g. backup restored after the disk failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../takeover_dialog.py" line="41"/>
        <source>Your password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../takeover_dialog.py" line="44"/>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../takeover_dialog.py" line="45"/>
        <source>Your password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../takeover_dialog.py" line="47"/>
        <source>Confirm the takeover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../takeover_dialog.py" line="66"/>
        <source>Wrong password: nothing was confirmed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../takeover_dialog.py" line="67"/>
        <source>Give a reason of at least %1 characters: nothing was confirmed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../takeover_dialog.py" line="69"/>
        <source>Only a supervisor or an admin confirms a takeover: nothing was confirmed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../takeover_dialog.py" line="71"/>
        <source>This PC is not syncing with a site: there is nothing to confirm.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <location filename="../admin/users_tab.py" line="67"/>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="68"/>
        <source>At least 10 characters; kept in the audit trail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="77"/>
        <source>Repeat it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="78"/>
        <source>Repeat the password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="79"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="97"/>
        <source>The two passwords differ: type them again. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="114"/>
        <source>Your role may not manage users.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <location filename="../admin/users_texts.py" line="15"/>
        <source>Not changed: this is the last active admin. Make another account admin first, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_texts.py" line="18"/>
        <source>Not created: this username is or was in use, and usernames are never reused. Choose another username.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_texts.py" line="21"/>
        <source>Not changed: that badge belongs to another account. Use another badge or take it off that account first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_texts.py" line="24"/>
        <source>Not changed: there is no such account on this PC. Close this window, choose the account in the list again and retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_texts.py" line="27"/>
        <source>Not changed: this account is already inactive. Nothing to do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_texts.py" line="29"/>
        <source>Not changed: this account is not locked; it can log in. Nothing to do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_texts.py" line="33"/>
        <source>The account service refused this change (code %1); nothing was changed. Check the values and try again; if it is refused again, give the code to support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="139"/>
        <source>Search users…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="141"/>
        <source>User accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="145"/>
        <source>New user…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="146"/>
        <source>Change role…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="147"/>
        <source>Change name…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="148"/>
        <source>Reset password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="149"/>
        <source>Unlock…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="150"/>
        <source>Deactivate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="151"/>
        <source>Reactivate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="157"/>
        <source>Import from the old system…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="160"/>
        <source>Create the accounts of the old system&apos;s usuarios.csv, each with a one-time password; its old passwords are never used</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/users_tab.py" line="181"/>
        <source>%n supervisor or admin account(s) cannot sign yet (no signing key since the site&apos;s move to keys by role): %1. Reset their password (Reset password…) to give each a key; they choose a new password at their next login.</source>
        <translation>
            <numerusform>%n supervisor or admin account cannot sign yet (no signing key since the site&apos;s move to keys by role): %1. Reset the password (Reset password…) to give it a key; the person chooses a new password at the next login.</numerusform>
            <numerusform>%n supervisor or admin accounts cannot sign yet (no signing key since the site&apos;s move to keys by role): %1. Reset their passwords (Reset password…) to give each a key; they choose a new password at their next login.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="212"/>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="212"/>
        <location filename="../admin/users_tab.py" line="226"/>
        <source>Full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="213"/>
        <location filename="../admin/users_tab.py" line="221"/>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="213"/>
        <source>Initial password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="219"/>
        <source>New user (must change the password at first login)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="224"/>
        <source>Change the role of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="229"/>
        <source>Change the name of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="231"/>
        <source>Temporary password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="234"/>
        <source>Reset the password of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="241"/>
        <source>Unlock %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="242"/>
        <source>Deactivate %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="243"/>
        <source>Reactivate %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="259"/>
        <source>The old system&apos;s usuarios.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="260"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="265"/>
        <source>Importing the accounts of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="271"/>
        <source>Importing the accounts of %1: %2 of %3…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="280"/>
        <source>Import of %1 finished: %2 created, %3 already existed, %4 not imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="294"/>
        <source>Your role may not manage users; no account was created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="296"/>
        <source>The file could not be imported and no account was created: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="299"/>
        <source>The import stopped with an error (%1). Accounts created before it are in the list; their one-time passwords are lost, so reset theirs. See the log for details.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsersTableModel</name>
    <message>
        <location filename="../admin/users_model.py" line="24"/>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_model.py" line="24"/>
        <source>Full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_model.py" line="24"/>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_model.py" line="25"/>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_model.py" line="25"/>
        <source>Must change password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_model.py" line="26"/>
        <source>Locked until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_model.py" line="26"/>
        <source>Badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_model.py" line="30"/>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/users_model.py" line="30"/>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <location filename="../verify_dialog.py" line="54"/>
        <source>Verify audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="73"/>
        <source>Verifying the audit trail…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="75"/>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="84"/>
        <source>Verifying only reads the data; you can cancel at any time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="87"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="114"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="175"/>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="187"/>
        <source>Station %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="210"/>
        <source>The other chains are intact: %1 checked in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="222"/>
        <source>The audit trail has been tampered with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="226"/>
        <source>Verification cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="228"/>
        <source>The audit trail is intact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="232"/>
        <source>The audit trail could not be verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="264"/>
        <source>Checked: %1 in %2, each with its content, its place in its chain and its signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="295"/>
        <source>Station %1: the chain could not be verified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="292"/>
        <source>Details for the administrator: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../verify_dialog.py" line="191"/>
        <source>%1 of %n event(s) checked</source>
        <translation>
            <numerusform>%1 of %n event checked</numerusform>
            <numerusform>%1 of %n events checked</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../verify_dialog.py" line="195"/>
        <source>%n event(s) checked</source>
        <translation>
            <numerusform>%n event checked</numerusform>
            <numerusform>%n events checked</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="205"/>
        <source>Verification was cancelled before every chain was checked; nothing is known about the rest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="223"/>
        <source>What to do: keep this PC as it is and call your administrator; do not restore backups, and do not delete or edit anything.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="257"/>
        <source>The check stopped with an error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="234"/>
        <source>Nothing was changed: verifying only reads the data. Try again; if it fails again, call your administrator (the log file has the details).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="214"/>
        <source>Part of the audit trail could not be verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="216"/>
        <source>Nothing was changed: verifying only reads the data, and nothing says these stations were tampered with. Run the check again; if a station still cannot be verified, call your administrator (the log file has the details).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="246"/>
        <source>The shared folder %1 cannot be reached (%2): the stations&apos; journals were not read. Run the check again when the folder is back (check the network and the share&apos;s path).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="251"/>
        <source>The stations&apos; folder of the shared folder (%1) was refused: it is not a plain folder (a link, or a file), and links are never followed. No station&apos;s journal was read, so the site&apos;s audit trail was not checked. Ask whoever looks after the shared folder to put it right, then run the check again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../verify_dialog.py" line="212"/>
        <location filename="../verify_dialog.py" line="266"/>
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../verify_dialog.py" line="213"/>
        <location filename="../verify_dialog.py" line="267"/>
        <source>%n chain(s)</source>
        <translation>
            <numerusform>%n chain</numerusform>
            <numerusform>%n chains</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../verify_dialog.py" line="271"/>
        <source>%n of these events are signed with a key this PC does not have: their content and order were checked, their signatures were not.</source>
        <translation>
            <numerusform>%n of these events is signed with a key this PC does not have: its content and order were checked, its signature was not.</numerusform>
            <numerusform>%n of these events are signed with a key this PC does not have: their content and order were checked, their signatures were not.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../verify_dialog.py" line="276"/>
        <source>%n events at the end of the stations&apos; journals are not yet sealed by their station: not counted above, and not shown until they are (a station seals what it writes within seconds).</source>
        <translation>
            <numerusform>%n event at the end of the stations&apos; journals is not yet sealed by its station: not counted above, and not shown until it is (a station seals what it writes within seconds).</numerusform>
            <numerusform>%n events at the end of the stations&apos; journals are not yet sealed by their station: not counted above, and not shown until they are (a station seals what it writes within seconds).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../verify_dialog.py" line="283"/>
        <source>Verification cancelled after %n event(s); nothing is known about the rest.</source>
        <translation>
            <numerusform>Verification cancelled after %n event; nothing is known about the rest.</numerusform>
            <numerusform>Verification cancelled after %n events; nothing is known about the rest.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="300"/>
        <source>Station %1, record %2 version %3: %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="304"/>
        <source>Station %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="306"/>
        <source>Station %1, event %2: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="311"/>
        <source>%1 more stations were tampered with: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="314"/>
        <source>The administrator can list every finding with: shopfloor verify-audit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="19"/>
        <source>modified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="20"/>
        <source>An event was changed after it was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="22"/>
        <source>deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="23"/>
        <source>An event was removed from the trail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="25"/>
        <source>inserted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="26"/>
        <source>An event that was never recorded here was slipped into the trail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="28"/>
        <source>reordered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="29"/>
        <source>Events were moved out of the order they were recorded in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="31"/>
        <source>truncated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="32"/>
        <source>The newest events were cut off, or an older copy of the data was put back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="34"/>
        <source>forged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="35"/>
        <source>Events or a checkpoint were recomputed without the station&apos;s secret key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="37"/>
        <source>forked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="38"/>
        <source>An older copy of the data was put back and continued: events signed earlier were replaced by others.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="40"/>
        <source>another chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="41"/>
        <source>The trail does not begin where this station&apos;s trail begins: it was made for another station or installation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="43"/>
        <source>record changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="44"/>
        <source>A production record stored on this PC differs from what its audit event says.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="46"/>
        <source>record added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="47"/>
        <source>A production record stored on this PC was not written by any audit event.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="49"/>
        <source>record removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="50"/>
        <source>A production record that an audit event wrote is missing from this PC&apos;s database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="52"/>
        <source>not a member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="53"/>
        <source>The station&apos;s journal is sealed by a PC that is not a member of this site: its events are not taken.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="56"/>
        <source>could not be stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="57"/>
        <source>This PC&apos;s site view could not store the station&apos;s next events (a fault of the program, written in its log); the station&apos;s later events wait, the other stations go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="65"/>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="67"/>
        <source>intact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="69"/>
        <source>NOT VERIFIED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="70"/>
        <source>TAMPERED</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VerifyResultsModel</name>
    <message>
        <location filename="../admin/audit_model.py" line="192"/>
        <source>Station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_model.py" line="192"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_model.py" line="193"/>
        <source>Events checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_model.py" line="193"/>
        <source>First bad event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/audit_model.py" line="192"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ViewStatus</name>
    <message>
        <location filename="../admin/view_status.py" line="41"/>
        <source>fixed range: nothing after %1 is shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/view_status.py" line="48"/>
        <source>This PC is not in a site: its own records only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/view_status.py" line="52"/>
        <source>Reading the stations&apos; journals: %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/view_status.py" line="54"/>
        <source>Showing data up to %1, catching up: %2 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/view_status.py" line="58"/>
        <source>The stations&apos; folder of the shared folder (%1) was refused: it is not a plain folder (a link, or a file). Showing what this PC holds (journals last read at %2); ask whoever looks after the shared folder to put it right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/view_status.py" line="65"/>
        <source>Shared folder unreachable since %1: showing what this PC holds (journals last read at %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/view_status.py" line="71"/>
        <source>Live: every station&apos;s journal read at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/view_status.py" line="75"/>
        <source>Not following the stations now: showing what this PC holds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/view_status.py" line="79"/>
        <source>journal of station %1 broken at event %2 (%3): nothing after it is shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/view_status.py" line="84"/>
        <source>(and %1 more)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <location filename="../admin/record_dialog.py" line="191"/>
        <source>void</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/record_dialog.py" line="195"/>
        <source>Void record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/record_dialog.py" line="196"/>
        <source>Void lot %1, box %2 of station %3 (registered by %4)? The record stays in the history, marked as voided, and no longer counts in totals and statistics.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/record_dialog.py" line="209"/>
        <source>Void</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_SignedDialog</name>
    <message>
        <location filename="../admin/record_dialog.py" line="68"/>
        <source>Signing as %1 (%2) at %3: this means &quot;%4&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/record_dialog.py" line="78"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/record_dialog.py" line="80"/>
        <source>Your password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin/record_dialog.py" line="99"/>
        <source>Your role may not do this; nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
