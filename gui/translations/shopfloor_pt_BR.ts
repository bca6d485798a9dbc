<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../about_dialog.py" line="29"/>
        <source>About %1</source>
        <translation>Sobre o %1</translation>
    </message>
    <message>
        <location filename="../about_dialog.py" line="35"/>
        <location filename="../about_dialog.py" line="83"/>
        <source>Version %1</source>
        <translation>Versão %1</translation>
    </message>
    <message>
        <location filename="../about_dialog.py" line="42"/>
        <source>Station</source>
        <translation>Estação</translation>
    </message>
    <message>
        <location filename="../about_dialog.py" line="43"/>
        <source>Data folder</source>
        <translation>Pasta de dados</translation>
    </message>
    <message>
        <location filename="../about_dialog.py" line="44"/>
        <source>Log folder</source>
        <translation>Pasta de logs</translation>
    </message>
    <message>
        <location filename="../about_dialog.py" line="45"/>
        <source>Settings folder</source>
        <translation>Pasta de configurações</translation>
    </message>
    <message>
        <location filename="../about_dialog.py" line="46"/>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <location filename="../about_dialog.py" line="46"/>
        <source>%1 (PySide6 %2)</source>
        <translation>%1 (PySide6 %2)</translation>
    </message>
    <message>
        <location filename="../about_dialog.py" line="48"/>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <location filename="../about_dialog.py" line="59"/>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../wizard/site_pages.py" line="230"/>
        <source>Username</source>
        <translation>Usuário</translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="231"/>
        <source>Full name</source>
        <translation>Nome completo</translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="232"/>
        <source>Password</source>
        <translation>Senha</translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="233"/>
        <source>Repeat it</source>
        <translation>Repita</translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="234"/>
        <source>for example maria</source>
        <translation>por exemplo maria</translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="235"/>
        <source>8 to 72 characters; not a common password, not the username. There are no built-in accounts: this is the only way in, so remember it.</source>
        <translation>8 a 72 caracteres; nem uma senha comum, nem o nome de usuário. Não há contas embutidas: esta é a única forma de entrar, então guarde-a.</translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="240"/>
        <source>The first admin account</source>
        <translation>A primeira conta de administrador</translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="241"/>
        <source>The admin manages users and settings. You log in with this account when the set-up is done.</source>
        <translation>O administrador cuida dos usuários e das configurações. Você entra com esta conta quando a instalação terminar.</translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="267"/>
        <source>The two passwords differ. Type them again.</source>
        <translation>As duas senhas são diferentes. Digite-as de novo.</translation>
    </message>
</context>
<context>
    <name>AdminWindow</name>
    <message>
        <location filename="../admin/window.py" line="48"/>
        <source>Shopfloor Collector · admin panel · %1</source>
        <translation>Shopfloor Collector · painel de administração · %1</translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="51"/>
        <source>%1 · DEMO (synthetic data)</source>
        <translation>%1 · DEMO (dados sintéticos)</translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="82"/>
        <location filename="../admin/window.py" line="92"/>
        <location filename="../admin/window.py" line="98"/>
        <source>Fleet</source>
        <translation>Estações</translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="86"/>
        <source>Commands</source>
        <translation>Comandos</translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="94"/>
        <source>This PC is not in a site yet: the fleet and remote commands appear once it is (shopfloor site create / join).</source>
        <translation>Este PC ainda não está em um site: as estações e os comandos remotos aparecem quando estiver (shopfloor site create / join).</translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="112"/>
        <source>Production</source>
        <translation>Produção</translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="114"/>
        <source>Dashboard</source>
        <translation>Painel</translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="115"/>
        <source>Insights</source>
        <translation>Estatísticas</translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="116"/>
        <source>SPC</source>
        <translation>CEP</translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="122"/>
        <source>OEE</source>
        <translation>OEE</translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="128"/>
        <source>Lots</source>
        <translation>Lotes</translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="131"/>
        <source>Handovers</source>
        <translation>Passagens de turno</translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="134"/>
        <source>Users</source>
        <translation>Usuários</translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="142"/>
        <source>Audit</source>
        <translation>Auditoria</translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="146"/>
        <source>Catalog</source>
        <translation>Catálogo</translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="148"/>
        <source>&amp;Tools</source>
        <translation>&amp;Ferramentas</translation>
    </message>
    <message>
        <location filename="../admin/window.py" line="149"/>
        <source>Verify audit integrity (whole site)…</source>
        <translation>Verificar integridade da auditoria (site inteiro)…</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../app.py" line="71"/>
        <source>Something went wrong: %1
Your saved records are safe. The details are in the log; tell your administrator.</source>
        <translation>Algo deu errado: %1
Os registros salvos estão seguros. Os detalhes estão no log; avise o administrador.</translation>
    </message>
</context>
<context>
    <name>AppTexts</name>
    <message>
        <location filename="../app_texts.py" line="23"/>
        <source>This PC does not sync: another copy of it (a restored backup, a copied disk) ran as this station last. Production is saved on this PC. A supervisor logs in here and confirms the takeover (button: Confirm the takeover…).</source>
        <translation>Este PC não sincroniza: outra cópia dele (um backup restaurado, um disco copiado) foi a última a atuar como esta estação. A produção é salva neste PC. Um supervisor entra aqui e confirma a substituição (botão: Confirmar a substituição…).</translation>
    </message>
    <message>
        <location filename="../app_texts.py" line="28"/>
        <source>This PC does not sync: something else runs as this station with this PC&apos;s key (this PC&apos;s agent, or another PC). Production is saved on this PC. Stop the agent, or switch the other PC off.</source>
        <translation>Este PC não sincroniza: a estação já está ativa com a chave deste PC em outro lugar (o agente deste PC, ou outro PC). A produção é salva neste PC. Pare o agente, ou desligue o outro PC.</translation>
    </message>
    <message>
        <location filename="../app_texts.py" line="33"/>
        <source>This PC does not sync: it no longer acts for this station (its key was revoked, or another PC took the station over). Production is saved on this PC. An admin joins it to the site again.</source>
        <translation>Este PC não sincroniza: não atua mais por esta estação (sua chave foi revogada, ou outro PC assumiu a estação). A produção é salva neste PC. Um administrador o junta ao site de novo.</translation>
    </message>
    <message>
        <location filename="../app_texts.py" line="39"/>
        <source>This PC does not sync for this station now. Production is saved on this PC.</source>
        <translation>Este PC não sincroniza por esta estação agora. A produção é salva neste PC.</translation>
    </message>
</context>
<context>
    <name>AppWindow</name>
    <message>
        <location filename="../app_window.py" line="146"/>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <location filename="../app_window.py" line="147"/>
        <source>&amp;Tools</source>
        <translation>&amp;Ferramentas</translation>
    </message>
    <message>
        <location filename="../app_window.py" line="148"/>
        <source>Log out</source>
        <translation>Sair</translation>
    </message>
    <message>
        <location filename="../app_window.py" line="153"/>
        <source>Quit</source>
        <translation>Encerrar</translation>
    </message>
    <message>
        <location filename="../app_window.py" line="158"/>
        <source>Verify audit integrity…</source>
        <translation>Verificar integridade da auditoria…</translation>
    </message>
    <message>
        <location filename="../app_window.py" line="161"/>
        <source>This PC&apos;s settings…</source>
        <translation>Configurações deste PC…</translation>
    </message>
    <message>
        <location filename="../app_window.py" line="72"/>
        <source>Confirm the takeover of this station…</source>
        <translation>Confirmar a substituição desta estação…</translation>
    </message>
    <message>
        <location filename="../app_window.py" line="170"/>
        <source>Log viewer…</source>
        <translation>Visualizar log…</translation>
    </message>
    <message>
        <location filename="../app_window.py" line="173"/>
        <source>&amp;Help</source>
        <translation>A&amp;juda</translation>
    </message>
    <message>
        <location filename="../app_window.py" line="174"/>
        <source>About…</source>
        <translation>Sobre…</translation>
    </message>
    <message>
        <location filename="../app_window.py" line="217"/>
        <source>No activity: logging out in %1 s. Touch the screen or press a key to stay.</source>
        <translation>Sem atividade: saindo em %1 s. Toque na tela ou aperte uma tecla para continuar.</translation>
    </message>
    <message>
        <location filename="../app_window.py" line="223"/>
        <source>You were logged out after a period without activity.</source>
        <translation>Você foi desconectado após um período sem atividade.</translation>
    </message>
    <message>
        <location filename="../app_window.py" line="229"/>
        <source>Production entry is locked by a supervisor: %1</source>
        <translation>O registro de produção foi bloqueado por um encarregado: %1</translation>
    </message>
    <message>
        <location filename="../app_window.py" line="242"/>
        <source>%1 logged you out remotely.</source>
        <translation>%1 encerrou sua sessão remotamente.</translation>
    </message>
    <message>
        <location filename="../app_window.py" line="292"/>
        <source>Takeover confirmed: this PC acts for station %1 from now on (audited).</source>
        <translation>Substituição confirmada: este PC atua pela estação %1 a partir de agora (auditado).</translation>
    </message>
    <message>
        <location filename="../app_window.py" line="300"/>
        <source>This PC&apos;s settings</source>
        <translation>Configurações deste PC</translation>
    </message>
    <message>
        <location filename="../app_window.py" line="301"/>
        <source>Your password, to change this PC&apos;s settings:</source>
        <translation>Sua senha, para mudar as configurações deste PC:</translation>
    </message>
    <message>
        <location filename="../app_window.py" line="305"/>
        <source>Wrong password: this PC&apos;s settings were not opened.</source>
        <translation>Senha errada: as configurações deste PC não foram abertas.</translation>
    </message>
    <message>
        <location filename="../app_window.py" line="341"/>
        <source>The station stays open</source>
        <translation>A estação continua aberta</translation>
    </message>
    <message>
        <location filename="../app_window.py" line="342"/>
        <source>Only a supervisor or an admin can close the application: ask a supervisor to close the station. To end your shift, log out instead (File → Log out).</source>
        <translation>Só um supervisor ou um administrador pode fechar o aplicativo: peça a um supervisor que feche a estação. Para terminar o seu turno, saia (Arquivo → Sair).</translation>
    </message>
</context>
<context>
    <name>AuditEventsModel</name>
    <message>
        <location filename="../admin/audit_model.py" line="77"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../admin/audit_model.py" line="77"/>
        <source>Station</source>
        <translation>Estação</translation>
    </message>
    <message>
        <location filename="../admin/audit_model.py" line="77"/>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <location filename="../admin/audit_model.py" line="77"/>
        <source>User</source>
        <translation>Usuário</translation>
    </message>
    <message>
        <location filename="../admin/audit_model.py" line="78"/>
        <source>Role</source>
        <translation>Perfil</translation>
    </message>
    <message>
        <location filename="../admin/audit_model.py" line="78"/>
        <source>Action</source>
        <translation>Ação</translation>
    </message>
    <message>
        <location filename="../admin/audit_model.py" line="78"/>
        <source>Entity</source>
        <translation>Entidade</translation>
    </message>
    <message>
        <location filename="../admin/audit_model.py" line="78"/>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <location filename="../admin/audit_model.py" line="79"/>
        <source>Command</source>
        <translation>Comando</translation>
    </message>
</context>
<context>
    <name>AuditReviewDialog</name>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="95"/>
        <source>Audit-trail review</source>
        <translation>Revisão da trilha de auditoria</translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="114"/>
        <source>What you found</source>
        <translation>O que você encontrou</translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="116"/>
        <source>Findings</source>
        <translation>Constatações</translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="121"/>
        <source>Sign the review</source>
        <translation>Assinar a revisão</translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="125"/>
        <source>Reviews signed so far (every PC&apos;s):</source>
        <translation>Revisões assinadas até agora (de todos os PCs):</translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="148"/>
        <source>No review of the audit trail has been signed yet.</source>
        <translation>Nenhuma revisão da trilha de auditoria foi assinada ainda.</translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/audit_review_dialog.py" line="151"/>
        <source>This review: %1 – %2, %n event(s) that matter (changes, refusals, signatures, commands; not logins). Read them in the Audit tab with the same range.</source>
        <translation>
            <numerusform>Esta revisão: %1 – %2, %n evento que importa (alterações, recusas, assinaturas, comandos; não logins). Leia-o na aba Auditoria com o mesmo período.</numerusform>
            <numerusform>Esta revisão: %1 – %2, %n eventos que importam (alterações, recusas, assinaturas, comandos; não logins). Leia-os na aba Auditoria com o mesmo período.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="163"/>
        <source>Review of %1 – %2: %3</source>
        <translation>Revisão de %1 – %2: %3</translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/audit_review_dialog.py" line="168"/>
        <source>%n more review(s) in amber no longer cover their period.</source>
        <translation>
            <numerusform>Mais %n revisão em âmbar não cobre mais o seu período.</numerusform>
            <numerusform>Mais %n revisões em âmbar não cobrem mais o seu período.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="192"/>
        <source>Signed by %1 at %2.</source>
        <translation>Assinada por %1 em %2.</translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="201"/>
        <source>Write what you found: a note is required. Nothing was signed.</source>
        <translation>Escreva o que você encontrou: a observação é obrigatória. Nada foi assinado.</translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="202"/>
        <source>The period has not ended yet: choose an end in the past. Nothing was signed.</source>
        <translation>O período ainda não terminou: escolha um fim no passado. Nada foi assinado.</translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="204"/>
        <source>Events of this period arrived since it was read: close and review it again. Nothing was signed.</source>
        <translation>Chegaram eventos deste período depois que ele foi lido: feche e revise de novo. Nada foi assinado.</translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="206"/>
        <source>Your signing key is not open on this PC: log in again. Nothing was signed.</source>
        <translation>Sua chave de assinatura não está aberta neste PC: entre de novo. Nada foi assinado.</translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="209"/>
        <source>Wrong user name or password, or the account is locked. Nothing was signed.</source>
        <translation>Usuário ou senha incorretos, ou a conta está bloqueada. Nada foi assinado.</translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="214"/>
        <source>Your role may not sign audit-trail reviews.</source>
        <translation>Seu perfil não pode assinar revisões da trilha de auditoria.</translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="216"/>
        <source>The review could not be made (%1); nothing was signed.</source>
        <translation>A revisão não pôde ser feita (%1); nada foi assinado.</translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message>
        <location filename="../admin/audit_tab.py" line="129"/>
        <source>user</source>
        <translation>usuário</translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="132"/>
        <source>action, e.g. record or record.edit</source>
        <translation>ação, p. ex. record ou record.edit</translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="133"/>
        <source>An action (record.edit), or a family of actions (record: record.create, record.edit and the others)</source>
        <translation>Uma ação (record.edit) ou uma família de ações (record: record.create, record.edit e as demais)</translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="142"/>
        <source>Apply</source>
        <translation>Aplicar</translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="160"/>
        <source>Verify audit integrity…</source>
        <translation>Verificar integridade da auditoria…</translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="162"/>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="165"/>
        <source>Export PDF…</source>
        <translation>Exportar PDF…</translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="167"/>
        <source>Reviews…</source>
        <translation>Revisões…</translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="169"/>
        <source>The signed reviews of the audit trail, and signing the review of this range</source>
        <translation>As revisões assinadas da trilha de auditoria, e a assinatura da revisão deste intervalo</translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="187"/>
        <source>Audit events</source>
        <translation>Eventos de auditoria</translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="194"/>
        <source>The selected event in full</source>
        <translation>O evento selecionado por inteiro</translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="197"/>
        <source>Choose an event in the list to see it here in full.</source>
        <translation>Escolha um evento na lista para vê-lo aqui por inteiro.</translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="202"/>
        <source>Verification result per station</source>
        <translation>Resultado da verificação por estação</translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="127"/>
        <source>Station</source>
        <translation>Estação</translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="250"/>
        <source>all</source>
        <translation>todas</translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="327"/>
        <source>Details</source>
        <translation>Detalhes</translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="335"/>
        <source>command %1</source>
        <translation>comando %1</translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="347"/>
        <source>Export the audit trail</source>
        <translation>Exportar a trilha de auditoria</translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="355"/>
        <source>Exporting the audit trail to %1…</source>
        <translation>Exportando a trilha de auditoria para %1…</translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="364"/>
        <source>More than %1 events match the filters: too many for a printed report. Nothing was written; narrow the station, user, action or time range, or export CSV, which holds them all.</source>
        <translation>Mais de %1 eventos atendem aos filtros: demais para um relatório impresso. Nada foi gravado; restrinja a estação, o usuário, a ação ou o período, ou exporte CSV, que contém todos.</translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="328"/>
        <source>Audit trail</source>
        <translation>Trilha de auditoria</translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/audit_tab.py" line="278"/>
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n evento</numerusform>
            <numerusform>%n eventos</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="329"/>
        <source>Stations: %1 · from %2 to %3 · generated %4 by %5</source>
        <translation>Estações: %1 · de %2 a %3 · gerado em %4 por %5</translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/audit_tab.py" line="358"/>
        <source>Exporting the audit trail: %n event(s) so far…</source>
        <translation>
            <numerusform>Exportando a trilha de auditoria: %n evento até agora…</numerusform>
            <numerusform>Exportando a trilha de auditoria: %n eventos até agora…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/audit_tab.py" line="368"/>
        <source>Exported %n event(s) to %1</source>
        <translation>
            <numerusform>%n evento exportado para %1</numerusform>
            <numerusform>%n eventos exportados para %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="378"/>
        <source>Export cancelled; no file was written.</source>
        <translation>Exportação cancelada; nenhum arquivo foi gravado.</translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="380"/>
        <source>Your role may not export the audit trail; no file was written.</source>
        <translation>Seu papel não permite exportar a trilha de auditoria; nenhum arquivo foi gravado.</translation>
    </message>
    <message>
        <location filename="../admin/audit_tab.py" line="381"/>
        <source>The audit trail could not be exported (%1); no file was written. Check that the folder exists and can be written to, then try again.</source>
        <translation>Não foi possível exportar a trilha de auditoria (%1); nenhum arquivo foi gravado. Verifique se a pasta existe e aceita gravação, e tente de novo.</translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <location filename="../admin/catalog_texts.py" line="20"/>
        <source>Excellent below</source>
        <translation>Excelente abaixo de</translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="21"/>
        <source>Good below</source>
        <translation>Boa abaixo de</translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="22"/>
        <source>Attention below (critical above)</source>
        <translation>Atenção abaixo de (crítica acima)</translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="23"/>
        <source>Target line</source>
        <translation>Linha de meta</translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="27"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="28"/>
        <source>Memory</source>
        <translation>Memória</translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="29"/>
        <source>Disk</source>
        <translation>Disco</translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="36"/>
        <source>In force: the built-in catalog (nothing published for this site yet).</source>
        <translation>Em vigor: o catálogo embutido (nada publicado para este site ainda).</translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="39"/>
        <source>In force: site catalog version %1, published by %2 at %3.</source>
        <translation>Em vigor: catálogo do site versão %1, publicado por %2 em %3.</translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="43"/>
        <source>This PC is not in a site: a published catalog applies here only, until the PC joins one.</source>
        <translation>Este PC não está em um site: um catálogo publicado vale só aqui, até o PC entrar em um.</translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="51"/>
        <source>The shared folder cannot be reached now: the catalog is kept on this PC and is put on the share as soon as it is back; stations take it then.</source>
        <translation>A pasta compartilhada não está acessível agora: o catálogo fica guardado neste PC e vai para a pasta assim que ela voltar; as estações o recebem então.</translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="55"/>
        <source>Stations take it within a few seconds (at their next directory check).</source>
        <translation>As estações o recebem em poucos segundos (na próxima verificação do diretório).</translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="63"/>
        <source>Nothing changed: the catalog in force is already version %1, so nothing was published. Change a value first.</source>
        <translation>Nada mudou: o catálogo em vigor já é a versão %1, então nada foi publicado. Altere um valor primeiro.</translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="66"/>
        <source>Nothing changed: the built-in catalog is in force with these values, so nothing was published. Change a value first.</source>
        <translation>Nada mudou: o catálogo embutido está em vigor com estes valores, então nada foi publicado. Altere um valor primeiro.</translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="73"/>
        <source>%1 to %2</source>
        <translation>%1 a %2</translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="79"/>
        <source>Only an admin may publish the site catalog; nothing was changed.</source>
        <translation>Só um administrador pode publicar o catálogo do site; nada foi alterado.</translation>
    </message>
    <message>
        <location filename="../admin/catalog_texts.py" line="81"/>
        <source>The catalog could not be published: %1. Nothing was changed; your edits are still here, try again.</source>
        <translation>Não foi possível publicar o catálogo: %1. Nada foi alterado; suas edições continuam aqui, tente de novo.</translation>
    </message>
</context>
<context>
    <name>CatalogRows</name>
    <message>
        <location filename="../admin/catalog_rows.py" line="40"/>
        <source>Remove selected</source>
        <translation>Remover selecionadas</translation>
    </message>
</context>
<context>
    <name>CatalogTab</name>
    <message>
        <location filename="../admin/catalog_tab.py" line="65"/>
        <location filename="../admin/catalog_tab.py" line="104"/>
        <location filename="../admin/catalog_tab.py" line="315"/>
        <source>Defects</source>
        <translation>Defeitos</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="68"/>
        <location filename="../admin/catalog_tab.py" line="105"/>
        <location filename="../admin/catalog_tab.py" line="315"/>
        <source>Locations</source>
        <translation>Locais</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="83"/>
        <source>Why (at least 10 characters; kept in the audit trail)</source>
        <translation>Por quê (ao menos 10 caracteres; fica na trilha de auditoria)</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="85"/>
        <source>Undo my edits</source>
        <translation>Desfazer minhas edições</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="87"/>
        <source>Publish to every station</source>
        <translation>Publicar para todas as estações</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="96"/>
        <location filename="../admin/catalog_tab.py" line="312"/>
        <source>Machine table</source>
        <translation>Tabela de máquinas</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="101"/>
        <source>Defects and locations (one per line; &quot;%1&quot; is always there)</source>
        <translation>Defeitos e locais (um por linha; &quot;%1&quot; sempre existe)</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="111"/>
        <source>Measurement ranges</source>
        <translation>Faixas de medição</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="113"/>
        <source>Minimum</source>
        <translation>Mínimo</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="114"/>
        <source>Maximum</source>
        <translation>Máximo</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="121"/>
        <location filename="../admin/catalog_tab.py" line="333"/>
        <source>Rejections per box</source>
        <translation>Rejeições por caixa</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="129"/>
        <source>Quality bands and target (mean CAM %)</source>
        <translation>Faixas de qualidade e meta (CAM médio %)</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="136"/>
        <source>Fleet thresholds (warning / critical)</source>
        <translation>Limites das estações (alerta / crítico)</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="138"/>
        <source>Warning from</source>
        <translation>Alerta a partir de</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="139"/>
        <source>Critical from</source>
        <translation>Crítico a partir de</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="150"/>
        <location filename="../admin/catalog_tab.py" line="331"/>
        <source>Site default intervals</source>
        <translation>Intervalos padrão do site</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="155"/>
        <source>each PC&apos;s own</source>
        <translation>o próprio de cada PC</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="157"/>
        <source>Status every</source>
        <translation>Status a cada</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="158"/>
        <source>Command rescan every</source>
        <translation>Busca de comandos a cada</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="170"/>
        <location filename="../admin/catalog_tab.py" line="335"/>
        <source>Site time zone</source>
        <translation>Fuso horário do site</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="173"/>
        <source>Shifts and every time on screen, on every PC of the site.</source>
        <translation>Turnos e todos os horários na tela, em todos os PCs do site.</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="201"/>
        <source>Machines, defects and limits</source>
        <translation>Máquinas, defeitos e limites</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="202"/>
        <source>Stops and OEE</source>
        <translation>Paradas e OEE</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="202"/>
        <source>SPC</source>
        <translation>CEP</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="202"/>
        <source>Labels</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="203"/>
        <source>Shift handover</source>
        <translation>Passagem de turno</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="208"/>
        <location filename="../admin/catalog_tab.py" line="337"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="310"/>
        <source>Machine table, row %1</source>
        <translation>Tabela de máquinas, linha %1</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="317"/>
        <source>%1, line %2</source>
        <translation>%1, linha %2</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="326"/>
        <source>Quality bands</source>
        <translation>Faixas de qualidade</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="329"/>
        <source>Fleet thresholds</source>
        <translation>Limites das estações</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="355"/>
        <source>Nothing was published. Correct these and publish again:</source>
        <translation>Nada foi publicado. Corrija estes itens e publique de novo:</translation>
    </message>
    <message>
        <location filename="../admin/catalog_tab.py" line="374"/>
        <source>Publishing…</source>
        <translation>Publicando…</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../login_page.py" line="176"/>
        <source>Change your password</source>
        <translation>Troque sua senha</translation>
    </message>
    <message>
        <location filename="../login_page.py" line="177"/>
        <source>%1, you must choose a new password before you start. Use 8 to 72 characters; avoid common passwords.</source>
        <translation>%1, escolha uma nova senha antes de começar. Use de 8 a 72 caracteres; evite senhas comuns.</translation>
    </message>
    <message>
        <location filename="../login_page.py" line="184"/>
        <source>New password</source>
        <translation>Nova senha</translation>
    </message>
    <message>
        <location filename="../login_page.py" line="185"/>
        <source>Repeat it</source>
        <translation>Repita a senha</translation>
    </message>
    <message>
        <location filename="../login_page.py" line="193"/>
        <source>The two passwords differ.</source>
        <translation>As duas senhas são diferentes.</translation>
    </message>
</context>
<context>
    <name>CommandDetailsDialog</name>
    <message>
        <location filename="../admin/command_details.py" line="29"/>
        <source>Command details</source>
        <translation>Detalhes do comando</translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="35"/>
        <source>pending</source>
        <translation>pendente</translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="35"/>
        <source>done</source>
        <translation>feito</translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="36"/>
        <source>failed</source>
        <translation>falhou</translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="36"/>
        <source>rejected</source>
        <translation>recusado</translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="37"/>
        <source>expired</source>
        <translation>expirado</translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="37"/>
        <source>timed out</source>
        <translation>sem resposta</translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="38"/>
        <source>duplicate</source>
        <translation>duplicado</translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="40"/>
        <source>Command</source>
        <translation>Comando</translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="41"/>
        <source>Station</source>
        <translation>Estação</translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="42"/>
        <source>Sent by</source>
        <translation>Enviado por</translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="43"/>
        <source>Sent at</source>
        <translation>Enviado em</translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="45"/>
        <source>Valid until</source>
        <translation>Válido até</translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="46"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="47"/>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="50"/>
        <source>Parameters</source>
        <translation>Parâmetros</translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="54"/>
        <source>The station&apos;s own words (not translated)</source>
        <translation>As palavras da própria estação (sem tradução)</translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="72"/>
        <source>The station&apos;s answer</source>
        <translation>A resposta da estação</translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="89"/>
        <source>intact</source>
        <translation>íntegra</translation>
    </message>
    <message>
        <location filename="../admin/command_details.py" line="89"/>
        <source>NOT intact</source>
        <translation>NÃO íntegra</translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/command_details.py" line="90"/>
        <source>Station %1: %2, %n event(s) checked</source>
        <translation>
            <numerusform>Estação %1: %2, %n evento verificado</numerusform>
            <numerusform>Estação %1: %2, %n eventos verificados</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CommandHistoryModel</name>
    <message>
        <location filename="../admin/commands_model.py" line="35"/>
        <source>Sent</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <location filename="../admin/commands_model.py" line="35"/>
        <source>Station</source>
        <translation>Estação</translation>
    </message>
    <message>
        <location filename="../admin/commands_model.py" line="35"/>
        <source>Command</source>
        <translation>Comando</translation>
    </message>
    <message>
        <location filename="../admin/commands_model.py" line="36"/>
        <source>Parameters</source>
        <translation>Parâmetros</translation>
    </message>
    <message>
        <location filename="../admin/commands_model.py" line="36"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../admin/commands_model.py" line="36"/>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../admin/commands_model.py" line="37"/>
        <source>pending</source>
        <translation>pendente</translation>
    </message>
    <message>
        <location filename="../admin/commands_model.py" line="37"/>
        <source>done</source>
        <translation>feito</translation>
    </message>
    <message>
        <location filename="../admin/commands_model.py" line="38"/>
        <source>failed</source>
        <translation>falhou</translation>
    </message>
    <message>
        <location filename="../admin/commands_model.py" line="38"/>
        <source>rejected</source>
        <translation>recusado</translation>
    </message>
    <message>
        <location filename="../admin/commands_model.py" line="39"/>
        <source>expired</source>
        <translation>expirado</translation>
    </message>
    <message>
        <location filename="../admin/commands_model.py" line="39"/>
        <source>timed out</source>
        <translation>sem resposta</translation>
    </message>
    <message>
        <location filename="../admin/commands_model.py" line="40"/>
        <source>duplicate</source>
        <translation>duplicado</translation>
    </message>
    <message>
        <location filename="../admin/commands_model.py" line="67"/>
        <source>Double-click (or Details…) for the details.</source>
        <translation>Clique duas vezes (ou em Detalhes…) para ver os detalhes.</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <location filename="../admin/command_texts.py" line="24"/>
        <source>Ping</source>
        <translation>Ping</translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="25"/>
        <location filename="../admin/command_texts.py" line="59"/>
        <source>Message</source>
        <translation>Mensagem</translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="26"/>
        <source>Log the user out</source>
        <translation>Encerrar a sessão do usuário</translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="27"/>
        <source>Lock entry</source>
        <translation>Bloquear registro</translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="28"/>
        <source>Unlock entry</source>
        <translation>Desbloquear registro</translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="29"/>
        <source>Set lot</source>
        <translation>Definir lote</translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="30"/>
        <source>Set product (size)</source>
        <translation>Definir produto (tamanho)</translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="31"/>
        <source>Change settings</source>
        <translation>Alterar configurações</translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="32"/>
        <source>Send status again</source>
        <translation>Reenviar status</translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="33"/>
        <source>Collect diagnostics</source>
        <translation>Coletar diagnóstico</translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="35"/>
        <source>Get logs</source>
        <translation>Obter logs</translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="36"/>
        <source>Back up now</source>
        <translation>Fazer backup agora</translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="37"/>
        <source>Verify audit</source>
        <translation>Verificar auditoria</translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="38"/>
        <source>Restart the application</source>
        <translation>Reiniciar o aplicativo</translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="40"/>
        <source>Close the application</source>
        <translation>Fechar o aplicativo</translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="60"/>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="282"/>
        <location filename="../admin/command_texts.py" line="61"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="62"/>
        <source>Lot code</source>
        <translation>Código do lote</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="263"/>
        <location filename="../admin/command_texts.py" line="63"/>
        <source>Total boxes</source>
        <translation>Total de caixas</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="262"/>
        <location filename="../admin/command_texts.py" line="64"/>
        <source>Current box</source>
        <translation>Caixa atual</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="264"/>
        <location filename="../admin/command_outcomes.py" line="273"/>
        <location filename="../admin/command_texts.py" line="65"/>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="66"/>
        <source>Status interval (ms)</source>
        <translation>Intervalo de status (ms)</translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="67"/>
        <source>Inbox rescan interval (ms)</source>
        <translation>Intervalo de varredura da caixa de entrada (ms)</translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="69"/>
        <source>Idle logout (minutes)</source>
        <translation>Saída por inatividade (minutos)</translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="70"/>
        <source>Lines</source>
        <translation>Linhas</translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="71"/>
        <source>Containing</source>
        <translation>Contendo</translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="72"/>
        <source>Without asking the operator</source>
        <translation>Sem perguntar ao operador</translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="79"/>
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="79"/>
        <source>no</source>
        <translation>não</translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="100"/>
        <source>Fill in “%1”: it is required. Nothing was sent.</source>
        <translation>Preencha “%1”: é obrigatório. Nada foi enviado.</translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="103"/>
        <source>“%1” must be from %2 to %3. Nothing was sent; correct it and send again.</source>
        <translation>“%1” deve estar entre %2 e %3. Nada foi enviado; corrija e envie de novo.</translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="106"/>
        <source>“%1” must have %2 to %3 characters. Nothing was sent; correct it and send again.</source>
        <translation>“%1” deve ter de %2 a %3 caracteres. Nada foi enviado; corrija e envie de novo.</translation>
    </message>
    <message>
        <location filename="../admin/command_texts.py" line="109"/>
        <source>“%1” does not fit what this command accepts. Nothing was sent; check the form and send again.</source>
        <translation>“%1” não confere com o que este comando aceita. Nada foi enviado; confira o formulário e envie de novo.</translation>
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
        <translation>Exibida, mas não lida: o aplicativo da estação foi fechado (ou ninguém respondeu por horas) antes que alguém apertasse “Li a mensagem”.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="67"/>
        <source>Delivered; nobody logged in to read it: the station runs without a window (the message is in its log).</source>
        <translation>Entregue; ninguém conectado para ler: a estação roda sem janela (a mensagem está no log dela).</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="72"/>
        <source>Read by %1 at %2.</source>
        <translation>Lida por %1 às %2.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="74"/>
        <source>Read at %1 on the login screen (nobody was logged in).</source>
        <translation>Lida às %1 na tela de entrada (ninguém estava conectado).</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="88"/>
        <source>The station answered at %1.</source>
        <translation>A estação respondeu às %1.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="93"/>
        <source>%1 was logged out.</source>
        <translation>%1 foi desconectado(a).</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="94"/>
        <source>Nobody was logged in; nothing to do.</source>
        <translation>Ninguém estava conectado; nada a fazer.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="97"/>
        <source>Production entry locked; %1 sees the banner.</source>
        <translation>Registro de produção bloqueado; %1 vê o aviso.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="99"/>
        <source>Production entry locked (nobody was logged in).</source>
        <translation>Registro de produção bloqueado (ninguém estava conectado).</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="103"/>
        <source>Lot %1 set: box %2 of %3.</source>
        <translation>Lote %1 definido: caixa %2 de %3.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="107"/>
        <source>Size %1 set.</source>
        <translation>Tamanho %1 definido.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="110"/>
        <source>Settings changed: %1.</source>
        <translation>Configurações alteradas: %1.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="115"/>
        <source>Diagnostics collected: version %1, database %2, shared folder %3 (Details… for everything).</source>
        <translation>Diagnóstico coletado: versão %1, banco de dados %2, pasta compartilhada %3 (Detalhes… para tudo).</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="120"/>
        <source>online</source>
        <translation>on-line</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="121"/>
        <source>offline</source>
        <translation>fora do ar</translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/command_outcomes.py" line="124"/>
        <location filename="../admin/command_outcomes.py" line="231"/>
        <source>%n log line(s) received (Details… to read them).</source>
        <translation>
            <numerusform>%n linha de log recebida (Detalhes… para lê-la).</numerusform>
            <numerusform>%n linhas de log recebidas (Detalhes… para lê-las).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="127"/>
        <source>Backup written on the station (%1).</source>
        <translation>Cópia de segurança gravada na estação (%1).</translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/command_outcomes.py" line="134"/>
        <source>Audit trail intact: %n event(s) checked.</source>
        <translation>
            <numerusform>Trilha de auditoria íntegra: %n evento verificado.</numerusform>
            <numerusform>Trilha de auditoria íntegra: %n eventos verificados.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="141"/>
        <source>Closing, without asking the operator.</source>
        <translation>Fechando, sem perguntar ao operador.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="144"/>
        <source>Closing: %1 confirmed it.</source>
        <translation>Fechando: %1 confirmou.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="145"/>
        <source>Closing (nobody was logged in to ask).</source>
        <translation>Fechando (ninguém estava conectado para perguntar).</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="157"/>
        <source>Done.</source>
        <translation>Feito.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="234"/>
        <source>See Details….</source>
        <translation>Veja Detalhes….</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="252"/>
        <source>Station</source>
        <translation>Estação</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="253"/>
        <source>Answered at</source>
        <translation>Respondeu às</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="254"/>
        <source>Read by</source>
        <translation>Lida por</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="255"/>
        <source>Read at</source>
        <translation>Lida às</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="256"/>
        <source>Delivered</source>
        <translation>Entregue</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="257"/>
        <source>Shown on a screen</source>
        <translation>Exibida numa tela</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="258"/>
        <source>Logged out</source>
        <translation>Desconectado</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="259"/>
        <source>Locked</source>
        <translation>Bloqueado</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="260"/>
        <source>Shown to</source>
        <translation>Exibido para</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="261"/>
        <source>Lot</source>
        <translation>Lote</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="265"/>
        <source>Version</source>
        <translation>Versão</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="266"/>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="267"/>
        <source>Platform</source>
        <translation>Plataforma</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="268"/>
        <source>Host name</source>
        <translation>Nome do computador</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="269"/>
        <source>Process id</source>
        <translation>Id do processo</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="270"/>
        <source>Database size</source>
        <translation>Tamanho do banco de dados</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="271"/>
        <source>Shared folder online</source>
        <translation>Pasta compartilhada on-line</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="272"/>
        <source>File</source>
        <translation>Arquivo</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="274"/>
        <source>Intact</source>
        <translation>Íntegra</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="275"/>
        <source>Closing</source>
        <translation>Fechando</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="276"/>
        <source>Confirmed by</source>
        <translation>Confirmado por</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="277"/>
        <source>Declined by</source>
        <translation>Recusado por</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="278"/>
        <source>Forced</source>
        <translation>Forçado</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="279"/>
        <source>Restarting</source>
        <translation>Reiniciando</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="280"/>
        <source>Answered</source>
        <translation>Respondido</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="281"/>
        <source>Note</source>
        <translation>Observação</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="298"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="313"/>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="165"/>
        <source>Expired before the station could run it. Nothing was done; send it again with a longer validity.</source>
        <translation>Expirou antes que a estação pudesse executá-lo. Nada foi feito; envie de novo com validade maior.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="168"/>
        <source>Already received before: not run again.</source>
        <translation>Já recebido antes: não foi executado de novo.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="169"/>
        <source>No answer before the command expired. Check that the station is on and reaches the shared folder, then send again.</source>
        <translation>Sem resposta antes de o comando expirar. Verifique se a estação está ligada e alcança a pasta compartilhada, e envie de novo.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="90"/>
        <location filename="../admin/command_outcomes.py" line="177"/>
        <source>The station answered.</source>
        <translation>A estação respondeu.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="178"/>
        <source>Message delivered.</source>
        <translation>Mensagem entregue.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="179"/>
        <source>User logged out.</source>
        <translation>Usuário desconectado.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="180"/>
        <source>Production entry locked.</source>
        <translation>Lançamento de produção bloqueado.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="101"/>
        <location filename="../admin/command_outcomes.py" line="181"/>
        <source>Production entry unlocked.</source>
        <translation>Lançamento de produção desbloqueado.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="182"/>
        <source>Lot set.</source>
        <translation>Lote definido.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="183"/>
        <source>Product (size) set.</source>
        <translation>Produto (tamanho) definido.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="184"/>
        <source>Settings changed.</source>
        <translation>Configurações alteradas.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="113"/>
        <location filename="../admin/command_outcomes.py" line="185"/>
        <source>Status sent again.</source>
        <translation>Status enviado de novo.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="188"/>
        <source>Backup written on the station.</source>
        <translation>Backup gravado na estação.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="189"/>
        <source>Audit trail intact.</source>
        <translation>Trilha de auditoria íntegra.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="135"/>
        <location filename="../admin/command_outcomes.py" line="190"/>
        <source>Audit trail NOT intact: verify the site from the Tools menu to see where.</source>
        <translation>Trilha de auditoria NÃO íntegra: verifique o site pelo menu Ferramentas para ver onde.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="138"/>
        <location filename="../admin/command_outcomes.py" line="193"/>
        <source>Restarting.</source>
        <translation>Reiniciando.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="158"/>
        <source>Failed on the station; Details… shows the station&apos;s own words.</source>
        <translation>Falhou na estação; Detalhes… mostra as palavras da própria estação.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="160"/>
        <source>Refused by the station, nothing was done; Details… shows the station&apos;s own words.</source>
        <translation>Recusado pela estação, nada foi feito; Detalhes… mostra as palavras da própria estação.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="186"/>
        <source>Diagnostics collected (Details… for everything).</source>
        <translation>Diagnóstico coletado (Detalhes… para tudo).</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="194"/>
        <source>Closing.</source>
        <translation>Fechando.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="196"/>
        <source>Nothing to change: choose at least one setting and send again.</source>
        <translation>Nada a alterar: escolha ao menos uma configuração e envie de novo.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="199"/>
        <source>The operator chose not to close the application; it keeps running.</source>
        <translation>O operador escolheu não fechar o aplicativo; ele continua rodando.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="202"/>
        <source>Interrupted by a restart of the station and not run again; send it again if it is still needed.</source>
        <translation>Interrompido por um reinício da estação e não executado de novo; envie de novo se ainda for preciso.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="206"/>
        <source>Refused: the signature does not match (another site key, or the file was altered). Nothing was done.</source>
        <translation>Recusado: a assinatura não confere (outra chave de site, ou o arquivo foi alterado). Nada foi feito.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="209"/>
        <source>Refused: this PC&apos;s clock is ahead of the station&apos;s. Nothing was done; correct the clocks and send again.</source>
        <translation>Recusado: o relógio deste PC está adiantado em relação ao da estação. Nada foi feito; acerte os relógios e envie de novo.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="217"/>
        <source>Size %1 is not in that station&apos;s catalog. Nothing was changed; check the site catalog and send again.</source>
        <translation>O tamanho %1 não está no catálogo daquela estação. Nada foi alterado; confira o catálogo do site e envie de novo.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="220"/>
        <source>Refused: the station does not know %1 as an active user (its copy of the users may be older). Nothing was done.</source>
        <translation>Recusado: a estação não conhece %1 como usuário ativo (a cópia de usuários dela pode estar desatualizada). Nada foi feito.</translation>
    </message>
    <message>
        <location filename="../admin/command_outcomes.py" line="223"/>
        <source>Refused: the station does not allow the role %1 to send this command. Nothing was done.</source>
        <translation>Recusado: a estação não permite que o papel %1 envie este comando. Nada foi feito.</translation>
    </message>
</context>
<context>
    <name>CommandsTab</name>
    <message>
        <location filename="../admin/commands_tab.py" line="49"/>
        <source>Selected stations (Fleet tab)</source>
        <translation>Estações selecionadas (aba Estações)</translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="50"/>
        <source>These stations:</source>
        <translation>Estas estações:</translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="51"/>
        <source>All stations</source>
        <translation>Todas as estações</translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="65"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="70"/>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="74"/>
        <source>Commands sent</source>
        <translation>Comandos enviados</translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="77"/>
        <source>Details…</source>
        <translation>Detalhes…</translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="90"/>
        <source>Send to</source>
        <translation>Enviar para</translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="91"/>
        <source>Command</source>
        <translation>Comando</translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="92"/>
        <source>Valid for</source>
        <translation>Válido por</translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="99"/>
        <source>History</source>
        <translation>Histórico</translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="223"/>
        <source>Choose at least one station.</source>
        <translation>Escolha ao menos uma estação.</translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="227"/>
        <source>Not a station number: %1. Nothing was sent; type the numbers the Fleet tab shows, separated by commas.</source>
        <translation>Não é um número de estação: %1. Nada foi enviado; digite os números que a aba Estações mostra, separados por vírgulas.</translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="238"/>
        <source>all stations</source>
        <translation>todas as estações</translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="239"/>
        <source>Send %1 to %2? The operators there will be interrupted.</source>
        <translation>Enviar %1 para %2? Os operadores de lá serão interrompidos.</translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="248"/>
        <source>Confirm</source>
        <translation>Confirmar</translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="266"/>
        <source>Your role may not send this command.</source>
        <translation>Seu perfil não pode enviar este comando.</translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="269"/>
        <source>Not a station of this site: %1. Nothing was sent; type the numbers the Fleet tab shows.</source>
        <translation>Não é uma estação deste site: %1. Nada foi enviado; digite os números que a aba Estações mostra.</translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="274"/>
        <source>The command was not sent: its parameters do not fit what it accepts. Nothing was queued; check the form and send again.</source>
        <translation>O comando não foi enviado: os parâmetros não conferem com o que ele aceita. Nada foi enfileirado; confira o formulário e envie de novo.</translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="284"/>
        <source>The command was not sent: the shared folder %1 cannot be reached. Nothing was queued; try again when it is back.</source>
        <translation>O comando não foi enviado: a pasta compartilhada %1 não está acessível. Nada foi enfileirado; tente de novo quando ela voltar.</translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/commands_tab.py" line="288"/>
        <source>The shared folder %1 stopped answering while sending: only %n station(s) got the command (see the history). Send it again to the others when the folder is back.</source>
        <translation>
            <numerusform>A pasta compartilhada %1 parou de responder durante o envio: só %n estação recebeu o comando (veja o histórico). Envie de novo às outras quando a pasta voltar.</numerusform>
            <numerusform>A pasta compartilhada %1 parou de responder durante o envio: só %n estações receberam o comando (veja o histórico). Envie de novo às outras quando a pasta voltar.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/commands_tab.py" line="295"/>
        <source>No station is known on the shared folder yet: nothing was sent. Send again once the stations have started.</source>
        <translation>Nenhuma estação conhecida na pasta compartilhada ainda: nada foi enviado. Envie de novo quando as estações tiverem iniciado.</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <location filename="../correction_dialog.py" line="35"/>
        <source>Correct record</source>
        <translation>Corrigir registro</translation>
    </message>
    <message>
        <location filename="../correction_dialog.py" line="38"/>
        <source>Lot %1, box %2, registered by %3. Your correction is kept as a new version; the original stays in the history.</source>
        <translation>Lote %1, caixa %2, registrada por %3. Sua correção vira uma nova versão; a original continua no histórico.</translation>
    </message>
    <message>
        <location filename="../correction_dialog.py" line="52"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../correction_dialog.py" line="53"/>
        <source>Your password</source>
        <translation>Sua senha</translation>
    </message>
    <message>
        <location filename="../correction_dialog.py" line="54"/>
        <source>Signing as %1: this means &quot;correction&quot;.</source>
        <translation>Assinando como %1: isto significa &quot;correção&quot;.</translation>
    </message>
    <message>
        <location filename="../correction_dialog.py" line="77"/>
        <source>Your role may not correct records.</source>
        <translation>Seu perfil não pode corrigir registros.</translation>
    </message>
</context>
<context>
    <name>CreatedAccountsModel</name>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="40"/>
        <source>Username</source>
        <translation>Usuário</translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="40"/>
        <source>Full name</source>
        <translation>Nome completo</translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="40"/>
        <source>Role</source>
        <translation>Perfil</translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="41"/>
        <source>One-time password</source>
        <translation>Senha de uso único</translation>
    </message>
</context>
<context>
    <name>DashboardDowntime</name>
    <message>
        <location filename="../admin/dashboard_downtime.py" line="36"/>
        <source>Downtime by stop reason (hours)</source>
        <translation>Tempo parado por motivo (horas)</translation>
    </message>
    <message>
        <location filename="../admin/dashboard_downtime.py" line="38"/>
        <source>OEE per day (%)</source>
        <translation>OEE por dia (%)</translation>
    </message>
    <message>
        <location filename="../admin/dashboard_downtime.py" line="48"/>
        <source>OEE</source>
        <translation>OEE</translation>
    </message>
    <message>
        <location filename="../admin/dashboard_downtime.py" line="49"/>
        <source>availability</source>
        <translation>disponibilidade</translation>
    </message>
    <message>
        <location filename="../admin/dashboard_downtime.py" line="50"/>
        <source>performance</source>
        <translation>desempenho</translation>
    </message>
    <message>
        <location filename="../admin/dashboard_downtime.py" line="51"/>
        <source>quality</source>
        <translation>qualidade</translation>
    </message>
    <message>
        <location filename="../admin/dashboard_downtime.py" line="59"/>
        <source>No stops in this period</source>
        <translation>Nenhuma parada neste período</translation>
    </message>
    <message>
        <location filename="../admin/dashboard_downtime.py" line="61"/>
        <source>No shifts worked in this period</source>
        <translation>Nenhum turno trabalhado neste período</translation>
    </message>
</context>
<context>
    <name>DashboardTab</name>
    <message>
        <location filename="../admin/dashboard_tab.py" line="88"/>
        <source>Top 5 defects (share of rejections)</source>
        <translation>Top 5 defeitos (parte das rejeições)</translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="89"/>
        <source>Pareto</source>
        <translation>Pareto</translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="90"/>
        <source>Mean CAM-D / CAM-W per station (%)</source>
        <translation>CAM-D / CAM-W médio por estação (%)</translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="91"/>
        <source>Boxes per hour of the day</source>
        <translation>Caixas por hora do dia</translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="92"/>
        <source>Boxes per shift (day · shift)</source>
        <translation>Caixas por turno (dia · turno)</translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="110"/>
        <source>CAM-D</source>
        <translation>CAM-D</translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="110"/>
        <source>CAM-W</source>
        <translation>CAM-W</translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="142"/>
        <source>No rejections in this period</source>
        <translation>Nenhuma rejeição neste período</translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="143"/>
        <source>No boxes in this period</source>
        <translation>Nenhuma caixa neste período</translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="147"/>
        <source>No CAM-D or CAM-W measured in this period</source>
        <translation>Nenhum CAM-D ou CAM-W medido neste período</translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="201"/>
        <source>The figures could not be read (%1); the charts show the last ones. Press Refresh to try again.</source>
        <translation>Não foi possível ler os números (%1); os gráficos mostram os últimos lidos. Pressione Atualizar para tentar de novo.</translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="224"/>
        <source>Critical defects (first 80 %): %1</source>
        <translation>Defeitos críticos (primeiros 80 %): %1</translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="260"/>
        <source>target %1 %</source>
        <translation>meta %1 %</translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="262"/>
        <source>excellent below %1 %</source>
        <translation>excelente abaixo de %1 %</translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="262"/>
        <source>good below %1 %</source>
        <translation>bom abaixo de %1 %</translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="263"/>
        <source>attention below %1 %</source>
        <translation>atenção abaixo de %1 %</translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="264"/>
        <source>critical from %1 %</source>
        <translation>crítico a partir de %1 %</translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="271"/>
        <source>outlined: above the target (%1 %)</source>
        <translation>contornada: acima da meta (%1 %)</translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="273"/>
        <source>excellent</source>
        <translation>excelente</translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="273"/>
        <source>good</source>
        <translation>bom</translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="274"/>
        <source>attention</source>
        <translation>atenção</translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="274"/>
        <source>critical</source>
        <translation>crítico</translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="275"/>
        <source>no measurements</source>
        <translation>sem medições</translation>
    </message>
    <message>
        <location filename="../admin/dashboard_tab.py" line="276"/>
        <source>Ranking by the mean of CAM-D and CAM-W, lowest first: %1</source>
        <translation>Classificação pela média de CAM-D e CAM-W, menor primeiro: %1</translation>
    </message>
</context>
<context>
    <name>Downtime</name>
    <message>
        <location filename="../downtime_texts.py" line="24"/>
        <source>setup</source>
        <translation>setup</translation>
    </message>
    <message>
        <location filename="../downtime_texts.py" line="24"/>
        <source>unclassified</source>
        <translation>não classificada</translation>
    </message>
    <message>
        <location filename="../downtime_texts.py" line="25"/>
        <source>material</source>
        <translation>material</translation>
    </message>
    <message>
        <location filename="../downtime_texts.py" line="26"/>
        <source>maintenance</source>
        <translation>manutenção</translation>
    </message>
    <message>
        <location filename="../downtime_texts.py" line="27"/>
        <source>quality</source>
        <translation>qualidade</translation>
    </message>
    <message>
        <location filename="../downtime_texts.py" line="28"/>
        <source>no operator</source>
        <translation>sem operador</translation>
    </message>
    <message>
        <location filename="../downtime_texts.py" line="29"/>
        <source>other</source>
        <translation>outro</translation>
    </message>
    <message>
        <location filename="../downtime_texts.py" line="35"/>
        <source>running</source>
        <translation>produzindo</translation>
    </message>
    <message>
        <location filename="../downtime_texts.py" line="35"/>
        <source>idle</source>
        <translation>ociosa</translation>
    </message>
    <message>
        <location filename="../downtime_texts.py" line="36"/>
        <source>planned break</source>
        <translation>pausa planejada</translation>
    </message>
    <message>
        <location filename="../downtime_texts.py" line="37"/>
        <source>down</source>
        <translation>parada</translation>
    </message>
    <message>
        <location filename="../downtime_texts.py" line="56"/>
        <source>Your role may not classify stops. Nothing was changed; ask a supervisor.</source>
        <translation>Seu papel não permite classificar paradas. Nada foi alterado; peça a um supervisor.</translation>
    </message>
    <message>
        <location filename="../downtime_texts.py" line="59"/>
        <source>Your signing key is not open on this PC: log in again (if it persists, an admin resets your password). Nothing was changed.</source>
        <translation>Sua chave de assinatura não está aberta neste PC: entre de novo (se persistir, um administrador redefine sua senha). Nada foi alterado.</translation>
    </message>
    <message>
        <location filename="../downtime_texts.py" line="62"/>
        <source>The note holds characters that cannot be kept (control or direction characters) or is too long. Nothing was changed; write the note again in plain text.</source>
        <translation>A nota tem caracteres que não podem ser guardados (caracteres de controle ou de direção) ou é longa demais. Nada foi alterado; escreva a nota de novo em texto simples.</translation>
    </message>
    <message>
        <location filename="../downtime_texts.py" line="66"/>
        <source>A stop is already open: choose it in the list and give it a reason instead. Nothing was changed.</source>
        <translation>Já há uma parada aberta: escolha-a na lista e dê a ela um motivo. Nada foi alterado.</translation>
    </message>
    <message>
        <location filename="../downtime_texts.py" line="68"/>
        <source>That reason is not in the site catalog any more. Nothing was changed; choose another.</source>
        <translation>Esse motivo não está mais no catálogo do site. Nada foi alterado; escolha outro.</translation>
    </message>
</context>
<context>
    <name>DowntimeSection</name>
    <message>
        <location filename="../admin/catalog_downtime.py" line="36"/>
        <location filename="../admin/catalog_downtime.py" line="122"/>
        <source>Stops and OEE</source>
        <translation>Paradas e OEE</translation>
    </message>
    <message>
        <location filename="../admin/catalog_downtime.py" line="38"/>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <location filename="../admin/catalog_downtime.py" line="38"/>
        <source>Ideal boxes / h</source>
        <translation>Caixas ideais / h</translation>
    </message>
    <message>
        <location filename="../admin/catalog_downtime.py" line="39"/>
        <source>Stop after (min)</source>
        <translation>Parada após (min)</translation>
    </message>
    <message>
        <location filename="../admin/catalog_downtime.py" line="40"/>
        <source>Add size</source>
        <translation>Adicionar tamanho</translation>
    </message>
    <message>
        <location filename="../admin/catalog_downtime.py" line="46"/>
        <source>10:00 30</source>
        <translation>10:00 30</translation>
    </message>
    <message>
        <location filename="../admin/catalog_downtime.py" line="53"/>
        <source>One per line: local start and minutes (&quot;10:00 30&quot;); breaks are never downtime.</source>
        <translation>Uma por linha: início local e minutos (&quot;10:00 30&quot;); pausas nunca são tempo parado.</translation>
    </message>
    <message>
        <location filename="../admin/catalog_downtime.py" line="56"/>
        <source>Always there: %1. Add the site&apos;s own codes one per line (a-z, 0-9, _).</source>
        <translation>Sempre presentes: %1. Acrescente os códigos próprios do site, um por linha (a-z, 0-9, _).</translation>
    </message>
    <message>
        <location filename="../admin/catalog_downtime.py" line="80"/>
        <source>No size has values of its own: every size uses the &quot;Other sizes&quot; values.</source>
        <translation>Nenhum tamanho tem valores próprios: todos usam os valores de &quot;Outros tamanhos&quot;.</translation>
    </message>
    <message>
        <location filename="../admin/catalog_downtime.py" line="59"/>
        <source>Other sizes: ideal boxes / h</source>
        <translation>Outros tamanhos: caixas ideais / h</translation>
    </message>
    <message>
        <location filename="../admin/catalog_downtime.py" line="60"/>
        <source>Other sizes: stop after (min)</source>
        <translation>Outros tamanhos: parada após (min)</translation>
    </message>
    <message>
        <location filename="../admin/catalog_downtime.py" line="61"/>
        <source>Planned breaks</source>
        <translation>Pausas planejadas</translation>
    </message>
    <message>
        <location filename="../admin/catalog_downtime.py" line="63"/>
        <source>Extra stop reasons</source>
        <translation>Motivos de parada extras</translation>
    </message>
</context>
<context>
    <name>EntryForm</name>
    <message>
        <location filename="../entry_form.py" line="85"/>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <location filename="../entry_form.py" line="53"/>
        <source>Rejections (up to 3)</source>
        <translation>Rejeições (até 3)</translation>
    </message>
    <message>
        <location filename="../entry_form.py" line="56"/>
        <source>Defect</source>
        <translation>Defeito</translation>
    </message>
    <message>
        <location filename="../entry_form.py" line="57"/>
        <source>Location</source>
        <translation>Local</translation>
    </message>
    <message>
        <location filename="../entry_form.py" line="65"/>
        <source>Defect %1</source>
        <translation>Defeito %1</translation>
    </message>
    <message>
        <location filename="../entry_form.py" line="66"/>
        <source>Location %1</source>
        <translation>Local %1</translation>
    </message>
    <message>
        <location filename="../entry_form.py" line="127"/>
        <source>(none)</source>
        <translation>(nenhum)</translation>
    </message>
    <message>
        <location filename="../entry_form.py" line="215"/>
        <source>Unit weight: %1</source>
        <translation>Peso unitário: %1</translation>
    </message>
    <message>
        <location filename="../entry_form.py" line="51"/>
        <source>CAM-D %</source>
        <translation>CAM-D %</translation>
    </message>
    <message>
        <location filename="../entry_form.py" line="52"/>
        <source>CAM-W %</source>
        <translation>CAM-W %</translation>
    </message>
    <message>
        <location filename="../entry_form.py" line="96"/>
        <source>Register box</source>
        <translation>Registrar caixa</translation>
    </message>
</context>
<context>
    <name>ExceptionsModel</name>
    <message>
        <location filename="../admin/release_dialog.py" line="50"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="50"/>
        <source>Station</source>
        <translation>Estação</translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="50"/>
        <source>What</source>
        <translation>O quê</translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="51"/>
        <source>Acknowledged</source>
        <translation>Ciente</translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="71"/>
        <source>%1 at %2: %3</source>
        <translation>%1 em %2: %3</translation>
    </message>
</context>
<context>
    <name>FinishPage</name>
    <message>
        <location filename="../wizard/finish_page.py" line="43"/>
        <source>Setting up takes a few seconds: the site key is derived from the passphrase, on purpose slowly.</source>
        <translation>A instalação leva alguns segundos: a chave do site é derivada da frase-senha, lentamente de propósito.</translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="52"/>
        <source>This PC is ready</source>
        <translation>Este PC está pronto</translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="53"/>
        <source>Ready to set up</source>
        <translation>Pronto para instalar</translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="53"/>
        <source>Check, then press &quot;Set up this PC&quot;.</source>
        <translation>Confira e então pressione &quot;Configurar este PC&quot;.</translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="59"/>
        <source>Create a new site in %1</source>
        <translation>Criar um novo site em %1</translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="61"/>
        <source>Join the site in %1</source>
        <translation>Entrar no site em %1</translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="63"/>
        <source>A trial site on this PC only</source>
        <translation>Um site de teste só neste PC</translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="66"/>
        <source>First admin: %1 (%2)</source>
        <translation>Primeiro administrador: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="69"/>
        <source>Site time zone: %1</source>
        <translation>Fuso horário do site: %1</translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="71"/>
        <source>Start with the PC: yes</source>
        <translation>Iniciar com o PC: sim</translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="72"/>
        <source>Start with the PC: no</source>
        <translation>Iniciar com o PC: não</translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="77"/>
        <source>This PC: production station %1</source>
        <translation>Este PC: estação de produção %1</translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="79"/>
        <source>This PC: office PC %1</source>
        <translation>Este PC: PC de escritório %1</translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="88"/>
        <source>Log in as %1 with the password you chose.</source>
        <translation>Entre como %1 com a senha que você escolheu.</translation>
    </message>
    <message numerus="yes">
        <location filename="../wizard/finish_page.py" line="91"/>
        <source>%n account(s) of the site reached this PC; log in with yours.</source>
        <translation>
            <numerusform>%n conta do site chegou a este PC; entre com a sua.</numerusform>
            <numerusform>%n contas do site chegaram a este PC; entre com a sua.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="94"/>
        <source>No accounts of the site reached this PC yet (is the shared folder reachable?). They arrive by themselves once it is; until then nobody can log in here.</source>
        <translation>Nenhuma conta do site chegou a este PC ainda (a pasta compartilhada está acessível?). Elas chegam sozinhas quando estiver; até lá ninguém consegue entrar aqui.</translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="98"/>
        <source>Set up the plant&apos;s other PCs with &quot;Join a site&quot;: the folder %1 and the site passphrase.</source>
        <translation>Configure os outros PCs da fábrica com &quot;Entrar em um site&quot;: a pasta %1 e a frase-senha do site.</translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="102"/>
        <source>The trial site is in %1. For a real site, set up the PCs with a shared folder.</source>
        <translation>O site de teste está em %1. Para um site de verdade, configure os PCs com uma pasta compartilhada.</translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="105"/>
        <source>The shared folder is on the network: status and commands are checked every half second there.</source>
        <translation>A pasta compartilhada está na rede: status e comandos são verificados lá a cada meio segundo.</translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="109"/>
        <source>Starting with the PC could not be switched on: %1. An admin can try again in Tools → This PC&apos;s settings.</source>
        <translation>Não foi possível ativar o início com o PC: %1. Um administrador pode tentar de novo em Ferramentas → Configurações deste PC.</translation>
    </message>
    <message>
        <location filename="../wizard/finish_page.py" line="113"/>
        <source>The app starts by itself when this PC starts.</source>
        <translation>O aplicativo abre sozinho quando este PC liga.</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../wizard/window.py" line="179"/>
        <source>Shopfloor Collector: set up this PC</source>
        <translation>Shopfloor Collector: configurar este PC</translation>
    </message>
    <message>
        <location filename="../wizard/window.py" line="180"/>
        <source>Shopfloor Collector · set-up</source>
        <translation>Shopfloor Collector · instalação</translation>
    </message>
    <message>
        <location filename="../wizard/window.py" line="181"/>
        <source>Back</source>
        <translation>Voltar</translation>
    </message>
    <message>
        <location filename="../wizard/window.py" line="192"/>
        <source>Step %1 of %2</source>
        <translation>Passo %1 de %2</translation>
    </message>
    <message>
        <location filename="../wizard/window.py" line="196"/>
        <source>Start</source>
        <translation>Começar</translation>
    </message>
    <message>
        <location filename="../wizard/window.py" line="197"/>
        <source>Set up this PC</source>
        <translation>Configurar este PC</translation>
    </message>
    <message>
        <location filename="../wizard/window.py" line="199"/>
        <source>Next</source>
        <translation>Avançar</translation>
    </message>
    <message>
        <location filename="../wizard/window.py" line="332"/>
        <source>Setting up this PC…</source>
        <translation>Configurando este PC…</translation>
    </message>
</context>
<context>
    <name>Fleet</name>
    <message>
        <location filename="../admin/fleet_texts.py" line="20"/>
        <source>not reporting</source>
        <translation>sem comunicação</translation>
    </message>
    <message>
        <location filename="../admin/fleet_texts.py" line="20"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../admin/fleet_texts.py" line="21"/>
        <source>memory</source>
        <translation>memória</translation>
    </message>
    <message>
        <location filename="../admin/fleet_texts.py" line="21"/>
        <source>disk</source>
        <translation>disco</translation>
    </message>
    <message>
        <location filename="../admin/fleet_texts.py" line="22"/>
        <source>files refused on the share (forged, or not a member)</source>
        <translation>arquivos recusados na pasta compartilhada (forjados, ou de quem não é membro)</translation>
    </message>
    <message>
        <location filename="../admin/fleet_texts.py" line="23"/>
        <source>journal held back: the station&apos;s journal on the share goes on past this PC&apos;s chain (another copy of its database ran elsewhere)</source>
        <translation>diário retido: o diário da estação na pasta compartilhada continua além da cadeia deste PC (outra cópia do seu banco de dados rodou em outro lugar)</translation>
    </message>
    <message>
        <location filename="../admin/fleet_texts.py" line="26"/>
        <source>changes of records that no journal read so far made: not shown until the record is read</source>
        <translation>alterações de registros que nenhum diário lido até agora criou: não exibidas até o registro ser lido</translation>
    </message>
    <message>
        <location filename="../admin/fleet_texts.py" line="28"/>
        <source>warning</source>
        <translation>atenção</translation>
    </message>
    <message>
        <location filename="../admin/fleet_texts.py" line="28"/>
        <source>critical</source>
        <translation>crítico</translation>
    </message>
    <message>
        <location filename="../admin/fleet_texts.py" line="32"/>
        <source>Station %1: %2 (%3)</source>
        <translation>Estação %1: %2 (%3)</translation>
    </message>
    <message>
        <location filename="../admin/fleet_texts.py" line="39"/>
        <source>%1 · acknowledged by %2 at %3: %4</source>
        <translation>%1 · reconhecido por %2 em %3: %4</translation>
    </message>
</context>
<context>
    <name>FleetPlots</name>
    <message>
        <location filename="../admin/fleet_plots.py" line="31"/>
        <source>CPU %</source>
        <translation>CPU %</translation>
    </message>
    <message>
        <location filename="../admin/fleet_plots.py" line="31"/>
        <source>Memory %</source>
        <translation>Memória %</translation>
    </message>
    <message>
        <location filename="../admin/fleet_plots.py" line="31"/>
        <source>Disk %</source>
        <translation>Disco %</translation>
    </message>
</context>
<context>
    <name>FleetTab</name>
    <message>
        <location filename="../admin/fleet_tab.py" line="75"/>
        <source>Search stations, users, lots…</source>
        <translation>Buscar estações, usuários, lotes…</translation>
    </message>
    <message>
        <location filename="../admin/fleet_tab.py" line="80"/>
        <source>All stations</source>
        <translation>Todas as estações</translation>
    </message>
    <message>
        <location filename="../admin/fleet_tab.py" line="81"/>
        <source>Online</source>
        <translation>On-line</translation>
    </message>
    <message>
        <location filename="../admin/fleet_tab.py" line="81"/>
        <source>Stale</source>
        <translation>Atrasadas</translation>
    </message>
    <message>
        <location filename="../admin/fleet_tab.py" line="82"/>
        <source>Offline or stopped</source>
        <translation>Fora do ar ou paradas</translation>
    </message>
    <message>
        <location filename="../admin/fleet_tab.py" line="83"/>
        <source>With alarms</source>
        <translation>Com alarmes</translation>
    </message>
    <message>
        <location filename="../admin/fleet_tab.py" line="89"/>
        <source>Stations</source>
        <translation>Estações</translation>
    </message>
    <message>
        <location filename="../admin/fleet_tab.py" line="215"/>
        <source>%1 · %2 online · %3 stale · %4 stopped · %5 offline</source>
        <translation>%1 · on-line: %2 · atrasadas: %3 · encerradas: %4 · fora do ar: %5</translation>
    </message>
    <message>
        <location filename="../admin/fleet_tab.py" line="258"/>
        <source>Select one or more stations in the table to plot their CPU, memory and disk.</source>
        <translation>Selecione uma ou mais estações na tabela para ver os gráficos de CPU, memória e disco.</translation>
    </message>
    <message>
        <location filename="../admin/fleet_tab.py" line="128"/>
        <source>Acknowledge alarm…</source>
        <translation>Reconhecer alarme…</translation>
    </message>
    <message>
        <location filename="../admin/fleet_tab.py" line="122"/>
        <location filename="../admin/fleet_tab.py" line="150"/>
        <source>Alarms</source>
        <translation>Alarmes</translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/fleet_tab.py" line="216"/>
        <source>%n station(s)</source>
        <translation>
            <numerusform>%n estação</numerusform>
            <numerusform>%n estações</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/fleet_tab.py" line="261"/>
        <source>Plots show the first %1 of %2 selected stations.</source>
        <translation>Os gráficos mostram as primeiras %1 das %2 estações selecionadas.</translation>
    </message>
    <message>
        <location filename="../admin/fleet_tab.py" line="286"/>
        <source>No alarms</source>
        <translation>Nenhum alarme</translation>
    </message>
    <message>
        <location filename="../admin/fleet_tab.py" line="361"/>
        <source>Acknowledge alarm</source>
        <translation>Reconhecer alarme</translation>
    </message>
    <message>
        <location filename="../admin/fleet_tab.py" line="362"/>
        <source>Note (what you are doing about it):</source>
        <translation>Observação (o que você está fazendo a respeito):</translation>
    </message>
</context>
<context>
    <name>FleetTableModel</name>
    <message>
        <location filename="../admin/fleet_model.py" line="153"/>
        <source>Station</source>
        <translation>Estação</translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="153"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="153"/>
        <source>Last seen</source>
        <translation>Visto por último</translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="154"/>
        <source>User</source>
        <translation>Usuário</translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="154"/>
        <source>Lot / box</source>
        <translation>Lote / caixa</translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="154"/>
        <source>CPU %</source>
        <translation>CPU %</translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="155"/>
        <source>Memory %</source>
        <translation>Memória %</translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="155"/>
        <source>Disk %</source>
        <translation>Disco %</translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="155"/>
        <source>Version</source>
        <translation>Versão</translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="156"/>
        <source>Clock skew</source>
        <translation>Diferença de relógio</translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="156"/>
        <source>Pending</source>
        <translation>Pendentes</translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="156"/>
        <source>Production</source>
        <translation>Produção</translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="157"/>
        <source>online</source>
        <translation>on-line</translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="157"/>
        <source>stale</source>
        <translation>atrasada</translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="158"/>
        <source>offline</source>
        <translation>fora do ar</translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="158"/>
        <source>stopped</source>
        <translation>encerrada</translation>
    </message>
    <message>
        <location filename="../admin/fleet_model.py" line="159"/>
        <source>Last known values</source>
        <translation>Últimos valores conhecidos</translation>
    </message>
</context>
<context>
    <name>FolderField</name>
    <message>
        <location filename="../wizard/widgets.py" line="126"/>
        <source>Browse…</source>
        <translation>Procurar…</translation>
    </message>
    <message>
        <location filename="../wizard/widgets.py" line="127"/>
        <source>for example \\server\shopfloor or /mnt/shopfloor</source>
        <translation>por exemplo \\servidor\shopfloor ou /mnt/shopfloor</translation>
    </message>
    <message>
        <location filename="../wizard/widgets.py" line="136"/>
        <source>Choose the shared folder</source>
        <translation>Escolha a pasta compartilhada</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../form_dialog.py" line="50"/>
        <source>Why (at least 10 characters)</source>
        <translation>Por quê (ao menos 10 caracteres)</translation>
    </message>
</context>
<context>
    <name>FreezeDialog</name>
    <message>
        <location filename="../admin/spc_freeze_dialog.py" line="39"/>
        <source>Freeze control limits</source>
        <translation>Congelar limites de controle</translation>
    </message>
    <message>
        <location filename="../admin/spc_freeze_dialog.py" line="41"/>
        <source>Station %1, size %2, %3: choose a period when the process ran as it should. Its points give the chart&apos;s centre line and limits until a new baseline is frozen; every PC of the site judges the points against them.</source>
        <translation>Estação %1, tamanho %2, %3: escolha um período em que o processo rodou como deveria. Seus pontos dão a linha central e os limites do gráfico até que uma nova linha de base seja congelada; todos os PCs do site julgam os pontos por eles.</translation>
    </message>
    <message>
        <location filename="../admin/spc_freeze_dialog.py" line="52"/>
        <source>Why this period is a stable baseline</source>
        <translation>Por que este período é uma linha de base estável</translation>
    </message>
    <message>
        <location filename="../admin/spc_freeze_dialog.py" line="59"/>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <location filename="../admin/spc_freeze_dialog.py" line="60"/>
        <source>To</source>
        <translation>Até</translation>
    </message>
    <message>
        <location filename="../admin/spc_freeze_dialog.py" line="61"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../admin/spc_freeze_dialog.py" line="63"/>
        <source>Freeze limits</source>
        <translation>Congelar limites</translation>
    </message>
    <message>
        <location filename="../admin/spc_freeze_dialog.py" line="88"/>
        <source>%1 points: centre %2, UCL %3, LCL %4, moving-range UCL %5</source>
        <translation>%1 pontos: centro %2, LSC %3, LIC %4, LSC da amplitude móvel %5</translation>
    </message>
    <message>
        <location filename="../admin/spc_freeze_dialog.py" line="100"/>
        <source>Only an admin may freeze control limits. Nothing was frozen; the attempt is in the audit trail.</source>
        <translation>Só um administrador pode congelar limites de controle. Nada foi congelado; a tentativa está na trilha de auditoria.</translation>
    </message>
    <message>
        <location filename="../admin/spc_freeze_dialog.py" line="104"/>
        <source>Give a reason of at least %1 characters. Nothing was frozen yet.</source>
        <translation>Informe um motivo de pelo menos %1 caracteres. Nada foi congelado ainda.</translation>
    </message>
    <message>
        <location filename="../admin/spc_freeze_dialog.py" line="112"/>
        <source>Your signing key is not open on this PC: log in again (if it persists, an admin resets your password). Nothing was frozen.</source>
        <translation>Sua chave de assinatura não está aberta neste PC: entre de novo (se persistir, um administrador redefine sua senha). Nada foi congelado.</translation>
    </message>
</context>
<context>
    <name>HandoverCatalogBox</name>
    <message>
        <location filename="../admin/catalog_handover.py" line="21"/>
        <location filename="../admin/catalog_handover.py" line="62"/>
        <source>Shift handover</source>
        <translation>Passagem de turno</translation>
    </message>
    <message>
        <location filename="../admin/catalog_handover.py" line="30"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../admin/catalog_handover.py" line="34"/>
        <source>The station window offers the outgoing operator the shift&apos;s handover from this long before the shift ends; while it is unsigned, it is still offered (and can still be signed) this long into the next shift, then no longer. 0 before the end: only once the shift has ended; 0 after the end: not after it.</source>
        <translation>A janela da estação oferece a passagem de turno ao operador que sai a partir deste tempo antes do fim do turno; enquanto não estiver assinada, ela continua oferecida (e ainda pode ser assinada) por este tempo no turno seguinte, e depois não mais. 0 antes do fim: só depois que o turno terminou; 0 depois do fim: não depois dele.</translation>
    </message>
    <message>
        <location filename="../admin/catalog_handover.py" line="42"/>
        <source>Offer before the shift ends</source>
        <translation>Oferecer antes do fim do turno</translation>
    </message>
    <message>
        <location filename="../admin/catalog_handover.py" line="43"/>
        <source>Still offer after it ended</source>
        <translation>Ainda oferecer depois do fim</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <location filename="../handover_dialog.py" line="62"/>
        <source>Shift handover: sign</source>
        <translation>Passagem de turno: assinar</translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="63"/>
        <source>Shift handover: read and acknowledge</source>
        <translation>Passagem de turno: ler e dar ciência</translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="64"/>
        <source>Shift handover: add a signed note</source>
        <translation>Passagem de turno: acrescentar nota assinada</translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="68"/>
        <source>The shift&apos;s handover</source>
        <translation>A passagem do turno</translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="72"/>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="75"/>
        <source>What the next shift must know: machine, material, quality, people (optional)</source>
        <translation>O que o próximo turno precisa saber: máquina, material, qualidade, pessoas (opcional)</translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="77"/>
        <source>Your remark (optional)</source>
        <translation>Sua observação (opcional)</translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="78"/>
        <source>The note to add (it is signed and cannot change afterwards)</source>
        <translation>A nota a acrescentar (é assinada e não pode mudar depois)</translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="86"/>
        <source>Signing as %1 (%2).</source>
        <translation>Assinando como %1 (%2).</translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="90"/>
        <source>Sign and hand over</source>
        <translation>Assinar e passar o turno</translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="91"/>
        <source>I have read it: acknowledge</source>
        <translation>Li: dar ciência</translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="92"/>
        <source>Sign the note</source>
        <translation>Assinar a nota</translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="95"/>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="105"/>
        <source>Notes for the next shift</source>
        <translation>Notas para o próximo turno</translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="106"/>
        <source>Remark</source>
        <translation>Observação</translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="107"/>
        <source>Note</source>
        <translation>Observação</translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="123"/>
        <source>Reading the shift…</source>
        <translation>Lendo o turno…</translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="180"/>
        <source>Handed over: the handover is signed. The next shift acknowledges it when they log in.</source>
        <translation>Turno passado: a passagem está assinada. O próximo turno dá ciência ao entrar.</translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="182"/>
        <source>Acknowledged: your signature is recorded.</source>
        <translation>Ciência registrada: sua assinatura foi gravada.</translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="183"/>
        <source>The note is signed and added.</source>
        <translation>A nota foi assinada e acrescentada.</translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="191"/>
        <source>Your role may not sign shift handovers.</source>
        <translation>Seu perfil não pode assinar passagens de turno.</translation>
    </message>
    <message>
        <location filename="../handover_dialog.py" line="193"/>
        <source>The handover could not be read or saved (%1); nothing was signed.</source>
        <translation>Não foi possível ler ou gravar a passagem de turno (%1); nada foi assinado.</translation>
    </message>
</context>
<context>
    <name>HandoverModel</name>
    <message>
        <location filename="../admin/handover_model.py" line="25"/>
        <source>Shift</source>
        <translation>Turno</translation>
    </message>
    <message>
        <location filename="../admin/handover_model.py" line="25"/>
        <source>Station</source>
        <translation>Estação</translation>
    </message>
    <message>
        <location filename="../admin/handover_model.py" line="25"/>
        <source>Handed over by</source>
        <translation>Passado por</translation>
    </message>
    <message>
        <location filename="../admin/handover_model.py" line="26"/>
        <source>Boxes</source>
        <translation>Caixas</translation>
    </message>
    <message>
        <location filename="../admin/handover_model.py" line="26"/>
        <source>Rejections</source>
        <translation>Rejeições</translation>
    </message>
    <message>
        <location filename="../admin/handover_model.py" line="26"/>
        <source>Stop minutes</source>
        <translation>Minutos parados</translation>
    </message>
    <message>
        <location filename="../admin/handover_model.py" line="27"/>
        <source>Alarms</source>
        <translation>Alarmes</translation>
    </message>
    <message>
        <location filename="../admin/handover_model.py" line="27"/>
        <source>Open issues</source>
        <translation>Pendências</translation>
    </message>
    <message>
        <location filename="../admin/handover_model.py" line="27"/>
        <source>Acknowledged by</source>
        <translation>Ciência de</translation>
    </message>
    <message>
        <location filename="../admin/handover_model.py" line="28"/>
        <source>Addenda</source>
        <translation>Adendos</translation>
    </message>
    <message>
        <location filename="../admin/handover_model.py" line="28"/>
        <source>Signatures</source>
        <translation>Assinaturas</translation>
    </message>
    <message>
        <location filename="../admin/handover_model.py" line="46"/>
        <source>%1 · shift %2</source>
        <translation>%1 · turno %2</translation>
    </message>
    <message>
        <location filename="../admin/handover_model.py" line="54"/>
        <source>waiting</source>
        <translation>aguardando</translation>
    </message>
    <message>
        <location filename="../admin/handover_model.py" line="57"/>
        <source>do not hold</source>
        <translation>não conferem</translation>
    </message>
    <message>
        <location filename="../admin/handover_model.py" line="57"/>
        <source>valid</source>
        <translation>válidas</translation>
    </message>
</context>
<context>
    <name>HandoverOffer</name>
    <message>
        <location filename="../handover_offer.py" line="124"/>
        <source>Shift handover due…</source>
        <translation>Passagem de turno pendente…</translation>
    </message>
    <message>
        <location filename="../handover_offer.py" line="125"/>
        <source>Shift handover…</source>
        <translation>Passagem de turno…</translation>
    </message>
</context>
<context>
    <name>HandoverTab</name>
    <message>
        <location filename="../admin/handover_tab.py" line="50"/>
        <source>Search: station, person, notes, lot, defect</source>
        <translation>Buscar: estação, pessoa, notas, lote, defeito</translation>
    </message>
    <message>
        <location filename="../admin/handover_tab.py" line="52"/>
        <source>Search handovers</source>
        <translation>Buscar passagens de turno</translation>
    </message>
    <message>
        <location filename="../admin/handover_tab.py" line="61"/>
        <source>Period</source>
        <translation>Período</translation>
    </message>
    <message>
        <location filename="../admin/handover_tab.py" line="62"/>
        <source>Last 7 days</source>
        <translation>Últimos 7 dias</translation>
    </message>
    <message>
        <location filename="../admin/handover_tab.py" line="62"/>
        <source>Last 31 days</source>
        <translation>Últimos 31 dias</translation>
    </message>
    <message>
        <location filename="../admin/handover_tab.py" line="63"/>
        <source>Last 365 days</source>
        <translation>Últimos 365 dias</translation>
    </message>
    <message>
        <location filename="../admin/handover_tab.py" line="63"/>
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <location filename="../admin/handover_tab.py" line="67"/>
        <source>Only those not acknowledged</source>
        <translation>Só as sem ciência</translation>
    </message>
    <message>
        <location filename="../admin/handover_tab.py" line="70"/>
        <source>Refresh</source>
        <translation>Atualizar</translation>
    </message>
    <message>
        <location filename="../admin/handover_tab.py" line="82"/>
        <source>Shift handovers</source>
        <translation>Passagens de turno</translation>
    </message>
    <message>
        <location filename="../admin/handover_tab.py" line="94"/>
        <source>The chosen handover</source>
        <translation>A passagem escolhida</translation>
    </message>
    <message>
        <location filename="../admin/handover_tab.py" line="135"/>
        <source>Handovers shown: %1 (newest first; at most %2)</source>
        <translation>Passagens mostradas: %1 (mais recentes primeiro; no máximo %2)</translation>
    </message>
    <message>
        <location filename="../admin/handover_tab.py" line="157"/>
        <source>Choose a handover to read it whole.</source>
        <translation>Escolha uma passagem de turno para lê-la inteira.</translation>
    </message>
    <message>
        <location filename="../admin/handover_tab.py" line="174"/>
        <source>The handovers could not be read (%1); try Refresh.</source>
        <translation>Não foi possível ler as passagens de turno (%1); tente Atualizar.</translation>
    </message>
</context>
<context>
    <name>HandoverTexts</name>
    <message>
        <location filename="../handover_texts.py" line="25"/>
        <source>not classified</source>
        <translation>não classificada</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="25"/>
        <source>setup</source>
        <translation>setup</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="26"/>
        <source>material</source>
        <translation>material</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="26"/>
        <source>maintenance</source>
        <translation>manutenção</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="27"/>
        <source>quality</source>
        <translation>qualidade</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="27"/>
        <source>no operator</source>
        <translation>sem operador</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="28"/>
        <source>other</source>
        <translation>outro</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="33"/>
        <source>production entry locked</source>
        <translation>registro de produção bloqueado</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="34"/>
        <source>production entry unlocked</source>
        <translation>registro de produção desbloqueado</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="35"/>
        <source>message from a supervisor</source>
        <translation>mensagem de um supervisor</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="38"/>
        <source>by %1</source>
        <translation>por %1</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="47"/>
        <source>Production entry is locked: %1</source>
        <translation>O registro de produção está bloqueado: %1</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="50"/>
        <source>Lot %1 is not complete: %2 of %3 boxes registered</source>
        <translation>O lote %1 não está completo: %2 de %3 caixas registradas</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="54"/>
        <source>Stops not classified yet: %1</source>
        <translation>Paradas ainda não classificadas: %1</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="56"/>
        <source>Stops still running: %1</source>
        <translation>Paradas ainda em curso: %1</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="58"/>
        <source>Changes of this station not on the share yet: %1 (kept on this PC; they go when the share is back)</source>
        <translation>Alterações desta estação ainda fora da pasta compartilhada: %1 (guardadas neste PC; vão quando a pasta voltar)</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="65"/>
        <source>This shift&apos;s handover is already signed and cannot change. Add a signed note to it instead. Nothing was saved.</source>
        <translation>A passagem deste turno já está assinada e não pode mudar. Acrescente uma nota assinada. Nada foi gravado.</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="68"/>
        <source>This handover was already acknowledged. Nothing was saved.</source>
        <translation>Esta passagem de turno já teve ciência. Nada foi gravado.</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="70"/>
        <source>You signed this handover: the person taking the station over acknowledges it. Nothing was saved.</source>
        <translation>Você assinou esta passagem: quem assume a estação é quem dá ciência. Nada foi gravado.</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="72"/>
        <source>This handover is not on this station. Nothing was saved.</source>
        <translation>Esta passagem de turno não está nesta estação. Nada foi gravado.</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="73"/>
        <source>The notes contain characters that are not allowed (control or direction characters). Nothing was saved.</source>
        <translation>As notas contêm caracteres não permitidos (de controle ou de direção). Nada foi gravado.</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="75"/>
        <source>Write the note first. Nothing was saved.</source>
        <translation>Escreva a nota primeiro. Nada foi gravado.</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="76"/>
        <source>The notes are longer than 2000 characters. Nothing was saved.</source>
        <translation>As notas passam de 2000 caracteres. Nada foi gravado.</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="78"/>
        <source>Your signing key is not open on this PC: log in again (if it persists, an admin resets your password). Nothing was signed.</source>
        <translation>Sua chave de assinatura não está aberta neste PC: entre de novo (se persistir, um administrador redefine sua senha). Nada foi assinado.</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="82"/>
        <source>Wrong user name or password, or the account is locked. Nothing was signed; after repeated wrong entries the account is locked for a while.</source>
        <translation>Usuário ou senha incorretos, ou a conta está bloqueada. Nada foi assinado; após erros repetidos a conta fica bloqueada por um tempo.</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="90"/>
        <source>Station %1 · shift %2 of %3 · %4 to %5</source>
        <translation>Estação %1 · turno %2 de %3 · %4 a %5</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="98"/>
        <source>Boxes</source>
        <translation>Caixas</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="99"/>
        <source>%1 boxes registered, %2 voided · lots: %3 · up to %4</source>
        <translation>%1 caixas registradas, %2 anuladas · lotes: %3 · até %4</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="102"/>
        <source>Rejections by defect</source>
        <translation>Rejeições por defeito</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="106"/>
        <source>No rejections in this shift.</source>
        <translation>Nenhuma rejeição neste turno.</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="107"/>
        <source>Stops by reason</source>
        <translation>Paradas por motivo</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="110"/>
        <source>Stops are not recorded on this version.</source>
        <translation>Esta versão não registra paradas.</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="112"/>
        <source>No stops in this shift.</source>
        <translation>Nenhuma parada neste turno.</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="118"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="118"/>
        <source>Stops</source>
        <translation>Paradas</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="118"/>
        <source>Minutes</source>
        <translation>Minutos</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="119"/>
        <source>Still running</source>
        <translation>Em curso</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="120"/>
        <source>Alarms</source>
        <translation>Alarmes</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="123"/>
        <source>No alarms in this shift.</source>
        <translation>Nenhum alarme neste turno.</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="124"/>
        <source>Open issues</source>
        <translation>Pendências</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="127"/>
        <source>Nothing left open.</source>
        <translation>Nenhuma pendência.</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="141"/>
        <source>Notes of the outgoing shift</source>
        <translation>Notas do turno que sai</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="142"/>
        <source>No notes.</source>
        <translation>Sem notas.</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="143"/>
        <source>Signatures</source>
        <translation>Assinaturas</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="144"/>
        <source>Handed over by %1 (%2) at %3</source>
        <translation>Passado por %1 (%2) em %3</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="148"/>
        <source>Acknowledged by %1 (%2) at %3</source>
        <translation>Ciência de %1 (%2) em %3</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="151"/>
        <source>Not acknowledged yet.</source>
        <translation>Ainda sem ciência.</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="153"/>
        <source>Note added by %1 (%2) at %3</source>
        <translation>Nota acrescentada por %1 (%2) em %3</translation>
    </message>
    <message>
        <location filename="../handover_texts.py" line="158"/>
        <source>A signature here does not hold: %1</source>
        <translation>Uma assinatura aqui não confere: %1</translation>
    </message>
</context>
<context>
    <name>InsightDetails</name>
    <message>
        <location filename="../admin/insights_details.py" line="34"/>
        <source>Figures of the selected station</source>
        <translation>Números da estação selecionada</translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="37"/>
        <source>Figure</source>
        <translation>Número</translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="37"/>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="68"/>
        <location filename="../admin/insights_details.py" line="72"/>
        <source>Mean CAM</source>
        <translation>CAM médio</translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="70"/>
        <source>Quality score</source>
        <translation>Nota de qualidade</translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="71"/>
        <source>Quality score: 100 − 10 × mean CAM, from 0 to 100</source>
        <translation>Nota de qualidade: 100 − 10 × CAM médio, de 0 a 100</translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="73"/>
        <source>Average of mean CAM-D and mean CAM-W</source>
        <translation>Média entre o CAM-D médio e o CAM-W médio</translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="74"/>
        <source>CAM-D</source>
        <translation>CAM-D</translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="76"/>
        <source>CAM-W</source>
        <translation>CAM-W</translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="81"/>
        <source>Trend: %1</source>
        <translation>Tendência: %1</translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="83"/>
        <source>First half (n = %1)</source>
        <translation>Primeira metade (n = %1)</translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="85"/>
        <source>Second half (n = %1)</source>
        <translation>Segunda metade (n = %1)</translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="87"/>
        <source>Change</source>
        <translation>Variação</translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="90"/>
        <source>Mean CAM by shift</source>
        <translation>CAM médio por turno</translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="93"/>
        <source>Shift %1 (n = %2)</source>
        <translation>Turno %1 (n = %2)</translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="96"/>
        <source>%1 · worst</source>
        <translation>%1 · pior</translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="100"/>
        <source>% of rejections</source>
        <translation>% das rejeições</translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="101"/>
        <source>Top defects</source>
        <translation>Principais defeitos</translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="102"/>
        <source>Top locations</source>
        <translation>Principais locais</translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="107"/>
        <source>%1 (%2×)</source>
        <translation>%1 (%2×)</translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="113"/>
        <source>not recorded (%1×)</source>
        <translation>não registrado (%1×)</translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="115"/>
        <source>%1: rejections imported from the old system without their location. Not ranked; per cent of all rejections, while the locations above count only known locations.</source>
        <translation>%1: rejeições importadas do sistema antigo sem o local. Fora da classificação; percentual de todas as rejeições, enquanto os locais acima contam só locais conhecidos.</translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="120"/>
        <source>high</source>
        <translation>alto</translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="120"/>
        <source>medium</source>
        <translation>médio</translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="120"/>
        <source>low</source>
        <translation>baixo</translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="121"/>
        <source>Defect frequency · risk</source>
        <translation>Frequência de defeitos · risco</translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="121"/>
        <source>% of boxes</source>
        <translation>% das caixas</translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="122"/>
        <source>Per cent of the boxes with the defect: from 20 % high, from 10 % medium, else low. A frequency, not a prediction.</source>
        <translation>Porcentagem das caixas com o defeito: a partir de 20 % alto, a partir de 10 % médio, abaixo disso baixo. Uma frequência, não uma previsão.</translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="125"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../admin/insights_details.py" line="130"/>
        <source>Anomalies (%1)</source>
        <translation>Anomalias (%1)</translation>
    </message>
</context>
<context>
    <name>Insights</name>
    <message>
        <location filename="../admin/insights_texts.py" line="31"/>
        <source>improving</source>
        <translation>melhorando</translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="32"/>
        <source>worsening</source>
        <translation>piorando</translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="33"/>
        <source>stable</source>
        <translation>estável</translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="34"/>
        <source>not enough data</source>
        <translation>dados insuficientes</translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="38"/>
        <source>Site: every record of the period together</source>
        <translation>Site: todos os registros do período juntos</translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="39"/>
        <source>Records (boxes) in the period</source>
        <translation>Registros (caixas) no período</translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="40"/>
        <source>Quality score: 100 − 10 × mean CAM, from 0 to 100</source>
        <translation>Nota de qualidade: 100 − 10 × CAM médio, de 0 a 100</translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="41"/>
        <source>Average of mean CAM-D and mean CAM-W</source>
        <translation>Média entre o CAM-D médio e o CAM-W médio</translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="42"/>
        <source>Mean CAM of the second half of the records against the first; within ±10 % is stable</source>
        <translation>CAM médio da segunda metade dos registros contra a primeira; dentro de ±10 % é estável</translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="44"/>
        <source>Shift with the highest mean CAM (at least 3 boxes)</source>
        <translation>Turno com o maior CAM médio (ao menos 3 caixas)</translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="45"/>
        <source>Most frequent defect and its share of the rejections</source>
        <translation>Defeito mais frequente e sua parcela das rejeições</translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="46"/>
        <source>CAM above mean + 2σ, week over week rise above 30 %, a defect in 3 or more consecutive boxes</source>
        <translation>CAM acima da média + 2σ, alta de mais de 30 % de uma semana para a outra, um defeito em 3 ou mais caixas seguidas</translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="55"/>
        <source>CAM-D</source>
        <translation>CAM-D</translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="55"/>
        <source>CAM-W</source>
        <translation>CAM-W</translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="56"/>
        <source>%1 &gt; %2 (mean + 2σ)</source>
        <translation>%1 &gt; %2 (média + 2σ)</translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/insights_texts.py" line="58"/>
        <location filename="../admin/insights_texts.py" line="64"/>
        <source>%n box(es)</source>
        <translation>
            <numerusform>%n caixa</numerusform>
            <numerusform>%n caixas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="60"/>
        <source>Week of %1</source>
        <translation>Semana de %1</translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="61"/>
        <source>%1 → %2 (%3 %)</source>
        <translation>%1 → %2 (%3 %)</translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="63"/>
        <source>%1 · %2 in a row</source>
        <translation>%1 · %2 seguidas</translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="71"/>
        <source>Mean CAM %1 % is in the critical band (from %2 %): inspect the machine and the process first.</source>
        <translation>CAM médio de %1 % está na faixa crítica (a partir de %2 %): inspecione primeiro a máquina e o processo.</translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="76"/>
        <source>Week of %1: mean CAM rose from 0 to %2 %. Look for what changed that week.</source>
        <translation>Semana de %1: o CAM médio subiu de 0 para %2 %. Procure o que mudou naquela semana.</translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="79"/>
        <source>Week of %1: mean CAM rose %2 % over the week before (%3 % → %4 %). Look for what changed that week.</source>
        <translation>Semana de %1: o CAM médio subiu %2 % em relação à semana anterior (%3 % → %4 %). Procure o que mudou naquela semana.</translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="84"/>
        <source>Mean CAM rose %1 % from the first to the second half of the period (%2 % → %3 %). Check recent changes of lot, material or settings.</source>
        <translation>O CAM médio subiu %1 % da primeira para a segunda metade do período (%2 % → %3 %). Verifique mudanças recentes de lote, material ou ajustes.</translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="90"/>
        <source>%1 in %2 consecutive boxes at station %3: check the tooling and the settings for this defect.</source>
        <translation>%1 em %2 caixas seguidas na estação %3: verifique o ferramental e os ajustes para este defeito.</translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="94"/>
        <source>Boxes with CAM above the mean + 2σ: %1. Review them.</source>
        <translation>Caixas com CAM acima da média + 2σ: %1. Revise-as.</translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="98"/>
        <source>%1 is in %2 % of the boxes: act on this defect first.</source>
        <translation>%1 está em %2 % das caixas: ataque este defeito primeiro.</translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="100"/>
        <source>%1 is in %2 % of the boxes, mostly at %3: act on this defect first.</source>
        <translation>%1 está em %2 % das caixas, principalmente em %3: ataque este defeito primeiro.</translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="104"/>
        <source>Shift %1 has mean CAM %2 %, above the overall %3 %: review how that shift works.</source>
        <translation>O turno %1 tem CAM médio de %2 %, acima do geral de %3 %: revise como esse turno trabalha.</translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="108"/>
        <source>Mean CAM %1 % is in the attention band (from %2 %): keep watching this station.</source>
        <translation>CAM médio de %1 % está na faixa de atenção (a partir de %2 %): continue acompanhando esta estação.</translation>
    </message>
    <message>
        <location filename="../admin/insights_texts.py" line="112"/>
        <source>No rule fired: no action suggested.</source>
        <translation>Nenhuma regra disparou: nenhuma ação sugerida.</translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/insights_texts.py" line="118"/>
        <source>%n shorter run(s) of a repeated defect, not listed</source>
        <translation>
            <numerusform>mais %n sequência mais curta de defeito repetido, não listada</numerusform>
            <numerusform>mais %n sequências mais curtas de defeito repetido, não listadas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/insights_texts.py" line="129"/>
        <source>%n more recommendation(s) for shorter runs of a repeated defect, not listed</source>
        <translation>
            <numerusform>mais %n recomendação para sequências mais curtas de defeito repetido, não listada</numerusform>
            <numerusform>mais %n recomendações para sequências mais curtas de defeito repetido, não listadas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/insights_texts.py" line="124"/>
        <source>+ %n shorter run(s)</source>
        <translation>
            <numerusform>+ %n sequência mais curta</numerusform>
            <numerusform>+ %n sequências mais curtas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InsightsModel</name>
    <message>
        <location filename="../admin/insights_model.py" line="37"/>
        <source>Station</source>
        <translation>Estação</translation>
    </message>
    <message>
        <location filename="../admin/insights_model.py" line="37"/>
        <source>Boxes</source>
        <translation>Caixas</translation>
    </message>
    <message>
        <location filename="../admin/insights_model.py" line="37"/>
        <source>Score</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../admin/insights_model.py" line="38"/>
        <source>Mean CAM %</source>
        <translation>CAM médio %</translation>
    </message>
    <message>
        <location filename="../admin/insights_model.py" line="38"/>
        <source>Trend</source>
        <translation>Tendência</translation>
    </message>
    <message>
        <location filename="../admin/insights_model.py" line="38"/>
        <source>Worst shift</source>
        <translation>Pior turno</translation>
    </message>
    <message>
        <location filename="../admin/insights_model.py" line="39"/>
        <source>Top defect</source>
        <translation>Principal defeito</translation>
    </message>
    <message>
        <location filename="../admin/insights_model.py" line="39"/>
        <source>Anomalies</source>
        <translation>Anomalias</translation>
    </message>
    <message>
        <location filename="../admin/insights_model.py" line="48"/>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <location filename="../admin/insights_model.py" line="93"/>
        <source>%1 (%2 %)</source>
        <translation>%1 (%2 %)</translation>
    </message>
</context>
<context>
    <name>InsightsTab</name>
    <message>
        <location filename="../admin/insights_tab.py" line="87"/>
        <source>Show rows…</source>
        <translation>Mostrar registros…</translation>
    </message>
    <message>
        <location filename="../admin/insights_tab.py" line="103"/>
        <source>Recommendations (rules over these statistics)</source>
        <translation>Recomendações (regras sobre estas estatísticas)</translation>
    </message>
    <message>
        <location filename="../admin/insights_tab.py" line="172"/>
        <source>Computing the statistics…</source>
        <translation>Calculando as estatísticas…</translation>
    </message>
    <message>
        <location filename="../admin/insights_tab.py" line="177"/>
        <source>The statistics could not be computed (%1); the figures shown are the last ones. Press Refresh to try again.</source>
        <translation>Não foi possível calcular as estatísticas (%1); os números mostrados são os últimos. Pressione Atualizar para tentar de novo.</translation>
    </message>
    <message>
        <location filename="../admin/insights_tab.py" line="201"/>
        <source>No records in this period.</source>
        <translation>Nenhum registro neste período.</translation>
    </message>
    <message>
        <location filename="../admin/insights_tab.py" line="60"/>
        <source>Figures per station</source>
        <translation>Números por estação</translation>
    </message>
    <message>
        <location filename="../admin/insights_tab.py" line="77"/>
        <source>Recommendations</source>
        <translation>Recomendações</translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/insights_tab.py" line="199"/>
        <source>%n record(s) · descriptive statistics, not predictions</source>
        <translation>
            <numerusform>%n registro · estatística descritiva, não previsões</numerusform>
            <numerusform>%n registros · estatística descritiva, não previsões</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/insights_tab.py" line="233"/>
        <source>Selected: %1</source>
        <translation>Selecionado: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/insights_tab.py" line="235"/>
        <source>Selected: %1 (%n record(s))</source>
        <translation>
            <numerusform>Selecionado: %1 (%n registro)</numerusform>
            <numerusform>Selecionado: %1 (%n registros)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/insights_tab.py" line="277"/>
        <source>Details: %1</source>
        <translation>Detalhes: %1</translation>
    </message>
    <message>
        <location filename="../admin/insights_tab.py" line="291"/>
        <source>Not enough records for recommendations.</source>
        <translation>Registros insuficientes para recomendações.</translation>
    </message>
</context>
<context>
    <name>LabelDialog</name>
    <message>
        <location filename="../label_dialog.py" line="58"/>
        <source>Print a label</source>
        <translation>Imprimir uma etiqueta</translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="71"/>
        <source>Why again? At least 10 characters</source>
        <translation>Por que de novo? Ao menos 10 caracteres</translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="72"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="74"/>
        <source>Print</source>
        <translation>Imprimir</translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="78"/>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="82"/>
        <source>Label</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="120"/>
        <source>Box %1 of lot %2</source>
        <translation>Caixa %1 do lote %2</translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="125"/>
        <source>Label of lot %1</source>
        <translation>Etiqueta do lote %1</translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="146"/>
        <source>Nothing to label yet: register a box or set the lot.</source>
        <translation>Nada para etiquetar ainda: registre uma caixa ou defina o lote.</translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="158"/>
        <source>Printer: Zebra at %1 (from the site catalog).</source>
        <translation>Impressora: Zebra em %1 (do catálogo do site).</translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="160"/>
        <source>Printer: you choose a system printer when you print.</source>
        <translation>Impressora: você escolhe uma impressora do sistema ao imprimir.</translation>
    </message>
    <message numerus="yes">
        <location filename="../label_dialog.py" line="162"/>
        <source>This label was printed %n time(s) already. A reprint is marked REPRINT and needs a reason.</source>
        <translation>
            <numerusform>Esta etiqueta já foi impressa %n vez. Uma reimpressão é marcada REIMPRESSÃO e precisa de um motivo.</numerusform>
            <numerusform>Esta etiqueta já foi impressa %n vezes. Uma reimpressão é marcada REIMPRESSÃO e precisa de um motivo.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="194"/>
        <source>Sending the label to the printer…</source>
        <translation>Enviando a etiqueta para a impressora…</translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="225"/>
        <source>Reprinted (copy %1), marked REPRINT.</source>
        <translation>Reimpressa (cópia %1), marcada REIMPRESSÃO.</translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="226"/>
        <source>Printed.</source>
        <translation>Impressa.</translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="233"/>
        <source>Not printed: the print dialog was closed.</source>
        <translation>Não impressa: a janela de impressão foi fechada.</translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="235"/>
        <source>This is a reprint: type why in Reason.</source>
        <translation>Esta é uma reimpressão: digite o porquê em Motivo.</translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="241"/>
        <source>Your role may not print labels.</source>
        <translation>Seu papel não permite imprimir etiquetas.</translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="244"/>
        <source>The printer %1 did not take the label (%2). Nothing was printed or recorded. Check that it is on, connected and has labels, then print again.</source>
        <translation>A impressora %1 não recebeu a etiqueta (%2). Nada foi impresso nem registrado. Verifique se ela está ligada, conectada e com etiquetas, e imprima de novo.</translation>
    </message>
    <message>
        <location filename="../label_dialog.py" line="249"/>
        <source>The label could not be printed and nothing was recorded. The log has the details.</source>
        <translation>A etiqueta não pôde ser impressa e nada foi registrado. O log tem os detalhes.</translation>
    </message>
</context>
<context>
    <name>LabelTemplateEditor</name>
    <message>
        <location filename="../admin/catalog_labels.py" line="72"/>
        <location filename="../admin/catalog_labels.py" line="185"/>
        <location filename="../admin/catalog_labels.py" line="189"/>
        <source>Labels</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <location filename="../admin/catalog_labels.py" line="78"/>
        <source>%1 dpi</source>
        <translation>%1 dpi</translation>
    </message>
    <message>
        <location filename="../admin/catalog_labels.py" line="83"/>
        <source>Code 128</source>
        <translation>Code 128</translation>
    </message>
    <message>
        <location filename="../admin/catalog_labels.py" line="84"/>
        <source>QR code</source>
        <translation>QR code</translation>
    </message>
    <message>
        <location filename="../admin/catalog_labels.py" line="88"/>
        <source>201 10.0.0.21
202 zebra-202.plant.local:9100</source>
        <translation>201 10.0.0.21
202 zebra-202.plant.local:9100</translation>
    </message>
    <message>
        <location filename="../admin/catalog_labels.py" line="106"/>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <location filename="../admin/catalog_labels.py" line="107"/>
        <source>Barcodes</source>
        <translation>Códigos</translation>
    </message>
    <message>
        <location filename="../admin/catalog_labels.py" line="108"/>
        <source>Fields shown, top to bottom (drag to reorder):</source>
        <translation>Campos mostrados, de cima para baixo (arraste para reordenar):</translation>
    </message>
    <message>
        <location filename="../admin/catalog_labels.py" line="110"/>
        <source>Zebra printers (ZPL over the network, port 9100): one line per station, &quot;station address&quot;. Other stations print on a printer chosen at the PC.</source>
        <translation>Impressoras Zebra (ZPL pela rede, porta 9100): uma linha por estação, &quot;estação endereço&quot;. As outras estações imprimem numa impressora escolhida no PC.</translation>
    </message>
    <message>
        <location filename="../admin/catalog_labels.py" line="187"/>
        <source>Zebra printers, line %1</source>
        <translation>Impressoras Zebra, linha %1</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../label_texts.py" line="17"/>
        <source>Lot</source>
        <translation>Lote</translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="17"/>
        <source>Box</source>
        <translation>Caixa</translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="18"/>
        <source>Boxes</source>
        <translation>Caixas</translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="18"/>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="19"/>
        <source>Station</source>
        <translation>Estação</translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="19"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="20"/>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="20"/>
        <source>BOX</source>
        <translation>CAIXA</translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="21"/>
        <source>LOT</source>
        <translation>LOTE</translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="21"/>
        <source>REPRINT</source>
        <translation>REIMPRESSÃO</translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="32"/>
        <source>The Code 128 does not fit: make the label wider or use a printer with more dots per inch.</source>
        <translation>O Code 128 não cabe: aumente a largura da etiqueta ou use uma impressora com mais pontos por polegada.</translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="34"/>
        <source>The QR code does not fit: make the label taller.</source>
        <translation>O QR code não cabe: aumente a altura da etiqueta.</translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="35"/>
        <source>The text would be too small to read: show fewer fields or make the label taller.</source>
        <translation>O texto ficaria pequeno demais para ler: mostre menos campos ou aumente a altura da etiqueta.</translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="43"/>
        <source>it is too long</source>
        <translation>é longa demais</translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="44"/>
        <source>it holds characters a label never has</source>
        <translation>tem caracteres que uma etiqueta nunca tem</translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="45"/>
        <source>its parts are not lot, box and total</source>
        <translation>suas partes não são lote, caixa e total</translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="46"/>
        <source>its lot code is not valid</source>
        <translation>o código do lote não é válido</translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="47"/>
        <source>its box or total is not a whole number</source>
        <translation>a caixa ou o total não é um número inteiro</translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="48"/>
        <source>its box is not a box of the lot</source>
        <translation>a caixa não é uma caixa do lote</translation>
    </message>
    <message>
        <location filename="../label_texts.py" line="50"/>
        <source>This label could not be read (%1). Nothing was changed: scan it again or type the lot.</source>
        <translation>Esta etiqueta não pôde ser lida (%1). Nada foi alterado: leia de novo ou digite o lote.</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <location filename="../wizard/start_pages.py" line="40"/>
        <source>Welcome to Shopfloor Collector</source>
        <translation>Bem-vindo ao Shopfloor Collector</translation>
    </message>
    <message>
        <location filename="../wizard/start_pages.py" line="41"/>
        <source>This PC is not set up yet. A few questions, and it is ready. First, the language:</source>
        <translation>Este PC ainda não está configurado. Algumas perguntas e ele fica pronto. Primeiro, o idioma:</translation>
    </message>
</context>
<context>
    <name>LegacyUsers</name>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="74"/>
        <source>Line %1: the login is empty, so this row is no account.</source>
        <translation>Linha %1: o login está vazio, então esta linha não é uma conta.</translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="71"/>
        <source>Line %1: the login &quot;%2&quot; cannot be a username here (2 to 32 letters a-z, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;; no spaces or accents). Create this account by hand.</source>
        <translation>Linha %1: o login &quot;%2&quot; não pode ser um nome de usuário aqui (2 a 32 letras a-z, dígitos, &apos;.&apos;, &apos;_&apos; ou &apos;-&apos;; sem espaços nem acentos). Crie esta conta à mão.</translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="76"/>
        <source>Line %1: the login &quot;%2&quot; appears earlier in the file; this copy was not imported.</source>
        <translation>Linha %1: o login &quot;%2&quot; aparece antes no arquivo; esta cópia não foi importada.</translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="79"/>
        <source>Line %1: the account type &quot;%2&quot; is not Desenvolvedor, Coordenador, Encarregado, Analista or Operador; the role is not guessed. Create this account by hand.</source>
        <translation>Linha %1: o tipo de conta &quot;%2&quot; não é Desenvolvedor, Coordenador, Encarregado, Analista nem Operador; o perfil não é adivinhado. Crie esta conta à mão.</translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="83"/>
        <source>Line %1: the full name has control characters or more than 100 characters. Fix it in the file or create this account by hand.</source>
        <translation>Linha %1: o nome completo tem caracteres de controle ou mais de 100 caracteres. Corrija-o no arquivo ou crie esta conta à mão.</translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="86"/>
        <source>Line %1: it has a different number of fields than the header (a comma inside a name must be quoted). Fix the line or create this account by hand.</source>
        <translation>Linha %1: tem um número de campos diferente do cabeçalho (uma vírgula dentro de um nome precisa estar entre aspas). Corrija a linha ou crie esta conta à mão.</translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="89"/>
        <source>Line %1: it cannot be read as CSV. Fix the line or create this account by hand.</source>
        <translation>Linha %1: não pode ser lida como CSV. Corrija a linha ou crie esta conta à mão.</translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="94"/>
        <source>Line %1: the account &quot;%2&quot; was refused (%3). Create it by hand.</source>
        <translation>Linha %1: a conta &quot;%2&quot; foi recusada (%3). Crie-a à mão.</translation>
    </message>
</context>
<context>
    <name>LegacyUsersDialog</name>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="107"/>
        <source>Accounts imported from the old system</source>
        <translation>Contas importadas do sistema antigo</translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="114"/>
        <source>%1: %2 account(s) created, %3 already existed (not changed), %4 line(s) not imported.</source>
        <translation>%1: conta(s) criada(s): %2; já existiam (não alteradas): %3; linha(s) não importada(s): %4.</translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="130"/>
        <source>These one-time passwords are shown only now. Print them or note them and give each person their own: at the first login each person chooses a new password.</source>
        <translation>Estas senhas de uso único são mostradas só agora. Imprima-as ou anote-as e entregue a cada pessoa a sua: no primeiro acesso cada pessoa escolhe uma senha nova.</translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="142"/>
        <source>Already exist, not changed: %1</source>
        <translation>Já existem, não alteradas: %1</translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="145"/>
        <source>No full name in the file (the login is used until changed): %1</source>
        <translation>Sem nome completo no arquivo (o login é usado até ser alterado): %1</translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="148"/>
        <source>The import was stopped: only the accounts listed were created.</source>
        <translation>A importação foi interrompida: só as contas listadas foram criadas.</translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="152"/>
        <source>The file holds the old passwords in plain text. They were not read; delete the file or keep it where only admins can read it.</source>
        <translation>O arquivo contém as senhas antigas em texto puro. Elas não foram lidas; apague o arquivo ou guarde-o onde só administradores possam lê-lo.</translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="162"/>
        <source>Print…</source>
        <translation>Imprimir…</translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="175"/>
        <source>Accounts imported from %1 by %2 on %3. Each password works once: at the first login the person chooses their own. Hand each slip to its person only.</source>
        <translation>Contas importadas de %1 por %2 em %3. Cada senha vale uma vez: no primeiro acesso a pessoa escolhe a sua. Entregue cada recorte somente à sua pessoa.</translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="179"/>
        <source>Username</source>
        <translation>Usuário</translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="179"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="179"/>
        <source>Role</source>
        <translation>Perfil</translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="180"/>
        <source>One-time password</source>
        <translation>Senha de uso único</translation>
    </message>
    <message>
        <location filename="../admin/legacy_users_dialog.py" line="181"/>
        <source>One-time passwords</source>
        <translation>Senhas de uso único</translation>
    </message>
</context>
<context>
    <name>LiveRange</name>
    <message>
        <location filename="../admin/time_range.py" line="96"/>
        <source>until now</source>
        <translation>até agora</translation>
    </message>
    <message>
        <location filename="../admin/time_range.py" line="98"/>
        <source>The range follows the clock: what arrives is shown. Untick to choose a fixed end.</source>
        <translation>O intervalo acompanha o relógio: o que chega é mostrado. Desmarque para escolher um fim fixo.</translation>
    </message>
    <message>
        <location filename="../admin/time_range.py" line="104"/>
        <source>from</source>
        <translation>de</translation>
    </message>
    <message>
        <location filename="../admin/time_range.py" line="104"/>
        <source>to</source>
        <translation>até</translation>
    </message>
</context>
<context>
    <name>LogViewer</name>
    <message>
        <location filename="../log_viewer.py" line="49"/>
        <location filename="../log_viewer.py" line="119"/>
        <location filename="../log_viewer.py" line="201"/>
        <source>Log</source>
        <translation>Log</translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="55"/>
        <source>Show only lines containing…</source>
        <translation>Mostrar só linhas que contêm…</translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="66"/>
        <source>Refresh</source>
        <translation>Atualizar</translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="67"/>
        <source>Save as…</source>
        <translation>Salvar como…</translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="68"/>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="70"/>
        <source>Log lines</source>
        <translation>Linhas do log</translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="83"/>
        <source>Filter</source>
        <translation>Filtro</translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="86"/>
        <source>Last lines</source>
        <translation>Últimas linhas</translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="120"/>
        <source>Only an administrator can view the log. Your attempt was recorded; ask an administrator if you need something from it.</source>
        <translation>Só um administrador pode ver o log. Sua tentativa foi registrada; peça a um administrador se precisar de algo dele.</translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="148"/>
        <source>The log could not be read: %1. Nothing was changed; try Refresh.</source>
        <translation>Não foi possível ler o log: %1. Nada foi alterado; tente Atualizar.</translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="161"/>
        <source>There is no log file yet (%1).</source>
        <translation>Ainda não há arquivo de log (%1).</translation>
    </message>
    <message numerus="yes">
        <location filename="../log_viewer.py" line="163"/>
        <source>%n line(s) containing “%2”, newest at the bottom. File: %3</source>
        <translation>
            <numerusform>%n linha que contém “%2”, as mais novas embaixo. Arquivo: %3</numerusform>
            <numerusform>%n linhas que contêm “%2”, as mais novas embaixo. Arquivo: %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../log_viewer.py" line="165"/>
        <source>The last %n line(s), newest at the bottom. File: %2</source>
        <translation>
            <numerusform>A última %n linha, as mais novas embaixo. Arquivo: %2</numerusform>
            <numerusform>As últimas %n linhas, as mais novas embaixo. Arquivo: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../log_viewer.py" line="194"/>
        <source>Saved %n line(s) to %2.</source>
        <translation>
            <numerusform>%n linha salva em %2.</numerusform>
            <numerusform>%n linhas salvas em %2.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="180"/>
        <source>Save the log as</source>
        <translation>Salvar o log como</translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="181"/>
        <source>Text files (*.txt *.log);;All files (*)</source>
        <translation>Arquivos de texto (*.txt *.log);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <location filename="../log_viewer.py" line="191"/>
        <source>The log was not saved to %1: %2. Nothing was written there; choose another folder.</source>
        <translation>O log não foi salvo em %1: %2. Nada foi gravado lá; escolha outra pasta.</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <location filename="../login_page.py" line="54"/>
        <source>Shopfloor Collector: log in</source>
        <translation>Shopfloor Collector: entrar</translation>
    </message>
    <message>
        <location filename="../login_page.py" line="57"/>
        <source>Office PC %1</source>
        <translation>PC de escritório %1</translation>
    </message>
    <message>
        <location filename="../login_page.py" line="58"/>
        <source>Station %1</source>
        <translation>Estação %1</translation>
    </message>
    <message>
        <location filename="../login_page.py" line="60"/>
        <source>Log in to open the admin panel</source>
        <translation>Entre para abrir o painel de administração</translation>
    </message>
    <message>
        <location filename="../login_page.py" line="61"/>
        <source>Log in to record production</source>
        <translation>Entre para registrar a produção</translation>
    </message>
    <message>
        <location filename="../login_page.py" line="65"/>
        <source>Username or badge</source>
        <translation>Usuário ou crachá</translation>
    </message>
    <message>
        <location filename="../login_page.py" line="67"/>
        <location filename="../login_page.py" line="86"/>
        <source>Password</source>
        <translation>Senha</translation>
    </message>
    <message>
        <location filename="../login_page.py" line="68"/>
        <source>Caps Lock is on</source>
        <translation>Caps Lock está ativado</translation>
    </message>
    <message>
        <location filename="../login_page.py" line="72"/>
        <source>Log in</source>
        <translation>Entrar</translation>
    </message>
    <message>
        <location filename="../login_page.py" line="85"/>
        <source>Username</source>
        <translation>Usuário</translation>
    </message>
    <message>
        <location filename="../login_page.py" line="112"/>
        <source>There are no user accounts on this PC yet. Create the site and its first admin with: shopfloor site create (or shopfloor user add NAME --role admin).</source>
        <translation>Ainda não há contas de usuário neste PC. Crie o site e o primeiro administrador com: shopfloor site create (ou shopfloor user add NOME --role admin).</translation>
    </message>
    <message>
        <location filename="../login_page.py" line="128"/>
        <source>Type your username and password.</source>
        <translation>Digite seu usuário e sua senha.</translation>
    </message>
    <message>
        <location filename="../login_page.py" line="149"/>
        <source>Wrong username or password.</source>
        <translation>Usuário ou senha incorretos.</translation>
    </message>
    <message>
        <location filename="../login_page.py" line="167"/>
        <source>You must change your password before you can work. Log in again to change it.</source>
        <translation>Você precisa trocar sua senha antes de trabalhar. Entre de novo para trocá-la.</translation>
    </message>
</context>
<context>
    <name>LotDialog</name>
    <message>
        <location filename="../lot_dialog.py" line="26"/>
        <source>Lot</source>
        <translation>Lote</translation>
    </message>
    <message>
        <location filename="../lot_dialog.py" line="28"/>
        <source>Lot %1 is complete. Scan or type the next lot.</source>
        <translation>O lote %1 está completo. Leia ou digite o próximo lote.</translation>
    </message>
    <message>
        <location filename="../lot_dialog.py" line="29"/>
        <source>Scan or type the lot code.</source>
        <translation>Leia ou digite o código do lote.</translation>
    </message>
    <message>
        <location filename="../lot_dialog.py" line="39"/>
        <source>Lot code</source>
        <translation>Código do lote</translation>
    </message>
    <message>
        <location filename="../lot_dialog.py" line="41"/>
        <source>Total boxes</source>
        <translation>Total de caixas</translation>
    </message>
    <message>
        <location filename="../lot_dialog.py" line="43"/>
        <source>Current box</source>
        <translation>Caixa atual</translation>
    </message>
    <message>
        <location filename="../lot_dialog.py" line="48"/>
        <source>Set lot</source>
        <translation>Definir lote</translation>
    </message>
    <message>
        <location filename="../lot_dialog.py" line="49"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>LotRecord</name>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="68"/>
        <source>Lot</source>
        <translation>Lote</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="69"/>
        <source>Product (size)</source>
        <translation>Produto (tamanho)</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="70"/>
        <source>Stations</source>
        <translation>Estações</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="71"/>
        <source>Period</source>
        <translation>Período</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="72"/>
        <source>Status</source>
        <translation>Situação</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="73"/>
        <source>Records</source>
        <translation>Registros</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="74"/>
        <source>Content SHA-256</source>
        <translation>SHA-256 do conteúdo</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="75"/>
        <source>Printed</source>
        <translation>Impresso</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="76"/>
        <source>%1 by %2</source>
        <translation>%1 por %2</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="77"/>
        <source>Lot record %1</source>
        <translation>Registro do lote %1</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="78"/>
        <source>Boxes</source>
        <translation>Caixas</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="79"/>
        <source>Station</source>
        <translation>Estação</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="80"/>
        <source>Box</source>
        <translation>Caixa</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="81"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="82"/>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="83"/>
        <source>Rejections</source>
        <translation>Rejeições</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="84"/>
        <source>CAM-D %</source>
        <translation>CAM-D %</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="85"/>
        <source>CAM-W %</source>
        <translation>CAM-W %</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="86"/>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="87"/>
        <source>Origin</source>
        <translation>Origem</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="88"/>
        <source>Version</source>
        <translation>Versão</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="89"/>
        <source>No records</source>
        <translation>Nenhum registro</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="90"/>
        <source>Changed values</source>
        <translation>Valores alterados</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="91"/>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="92"/>
        <source>Before</source>
        <translation>Antes</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="93"/>
        <source>After</source>
        <translation>Depois</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="94"/>
        <source>Who</source>
        <translation>Quem</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="95"/>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="96"/>
        <source>Why</source>
        <translation>Por quê</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="97"/>
        <source>No changes</source>
        <translation>Nenhuma alteração</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="98"/>
        <source>invalidated</source>
        <translation>invalidada</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="99"/>
        <source>in force</source>
        <translation>em vigor</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="100"/>
        <source>person&apos;s key</source>
        <translation>chave da pessoa</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="101"/>
        <source>this PC&apos;s chain</source>
        <translation>cadeia deste PC</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="102"/>
        <source>Not a decision</source>
        <translation>Não é uma decisão</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="103"/>
        <source>Signatures</source>
        <translation>Assinaturas</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="104"/>
        <source>Meaning</source>
        <translation>Significado</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="105"/>
        <source>Printed name</source>
        <translation>Nome impresso</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="106"/>
        <source>User</source>
        <translation>Usuário</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="107"/>
        <source>Role</source>
        <translation>Perfil</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="108"/>
        <source>Date and time</source>
        <translation>Data e hora</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="109"/>
        <source>Content hash</source>
        <translation>Hash do conteúdo</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="110"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="111"/>
        <source>Signed with</source>
        <translation>Assinada com</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="112"/>
        <source>No decision signed yet</source>
        <translation>Nenhuma decisão assinada ainda</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="113"/>
        <source>not acknowledged</source>
        <translation>sem ciência</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="114"/>
        <source>Exceptions and acknowledgements</source>
        <translation>Exceções e cientes</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="115"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="116"/>
        <source>What</source>
        <translation>O quê</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="117"/>
        <source>Acknowledged</source>
        <translation>Ciente</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="118"/>
        <source>No exceptions</source>
        <translation>Nenhuma exceção</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="119"/>
        <source>intact</source>
        <translation>íntegra</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="120"/>
        <source>NOT INTACT</source>
        <translation>NÃO ÍNTEGRA</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="123"/>
        <source>NOT VERIFIED</source>
        <translation>NÃO VERIFICADA</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="124"/>
        <source>Audit verify of the chains involved</source>
        <translation>Verificação da auditoria das cadeias envolvidas</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="125"/>
        <source>Chain</source>
        <translation>Cadeia</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="126"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="127"/>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="128"/>
        <source>Detail</source>
        <translation>Detalhe</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="129"/>
        <source>No chain could be verified</source>
        <translation>Nenhuma cadeia pôde ser verificada</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="238"/>
        <source>Lot %1 · page %2 of %3 · content SHA-256 %4</source>
        <translation>Lote %1 · página %2 de %3 · SHA-256 do conteúdo %4</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="254"/>
        <source>Making the record of lot %1…</source>
        <translation>Gerando o registro do lote %1…</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="257"/>
        <source>Making the record of lot %1: %2 of %3 rows laid out…</source>
        <translation>Gerando o registro do lote %1: %2 de %3 linhas diagramadas…</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="262"/>
        <source>The record of lot %1 was written to %2 (%3 pages).</source>
        <translation>O registro do lote %1 foi gravado em %2 (%3 páginas).</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="268"/>
        <source>Cancelled; no file was written.</source>
        <translation>Cancelado; nenhum arquivo foi gravado.</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="270"/>
        <source>Your role may not print lot records; no file was written.</source>
        <translation>Seu perfil não pode imprimir registros de lote; nenhum arquivo foi gravado.</translation>
    </message>
    <message>
        <location filename="../admin/lot_record_pdf.py" line="272"/>
        <source>The lot record could not be written (%1); no file was written. Check that the folder exists and can be written to, then try again.</source>
        <translation>O registro do lote não pôde ser gravado (%1); nenhum arquivo foi gravado. Verifique se a pasta existe e permite gravação, e tente de novo.</translation>
    </message>
</context>
<context>
    <name>Lots</name>
    <message>
        <location filename="../admin/lot_texts.py" line="38"/>
        <source>Lot decisions (declare complete, release, put on hold, reject, reopen) are signed by: %1. Your role (%2) can see the lots, their decisions and the lot record.</source>
        <translation>As decisões de lote (declarar completo, liberar, colocar em espera, rejeitar, reabrir) são assinadas por: %1. Seu perfil (%2) pode ver os lotes, suas decisões e o registro do lote.</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="45"/>
        <source>open</source>
        <translation>aberto</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="45"/>
        <location filename="../admin/lot_texts.py" line="64"/>
        <source>complete</source>
        <translation>completo</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="46"/>
        <location filename="../admin/lot_texts.py" line="62"/>
        <source>released</source>
        <translation>liberado</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="46"/>
        <location filename="../admin/lot_texts.py" line="62"/>
        <source>on hold</source>
        <translation>em espera</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="47"/>
        <location filename="../admin/lot_texts.py" line="63"/>
        <source>rejected</source>
        <translation>recusado</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="50"/>
        <source>released, INVALIDATED: its records changed after the signature</source>
        <translation>liberado, INVALIDADO: seus registros mudaram depois da assinatura</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="55"/>
        <source>Release</source>
        <translation>Liberar</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="55"/>
        <source>Put on hold</source>
        <translation>Colocar em espera</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="56"/>
        <source>Reject</source>
        <translation>Reprovar</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="56"/>
        <source>Reopen</source>
        <translation>Reabrir</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="57"/>
        <source>Declare complete</source>
        <translation>Declarar completo</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="63"/>
        <source>reopened</source>
        <translation>reaberto</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="71"/>
        <source>Correction</source>
        <translation>Correção</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="71"/>
        <source>Void</source>
        <translation>Anulação</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="72"/>
        <source>Manual record</source>
        <translation>Registro manual</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="72"/>
        <source>Conflict</source>
        <translation>Conflito</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="73"/>
        <source>Outside the band</source>
        <translation>Fora da faixa</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="73"/>
        <source>Missing boxes</source>
        <translation>Caixas faltando</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="74"/>
        <source>Repeated box</source>
        <translation>Caixa repetida</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="74"/>
        <source>Lock</source>
        <translation>Bloqueio</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="75"/>
        <source>Alarm</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="75"/>
        <source>Clock skew</source>
        <translation>Diferença de relógio</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="76"/>
        <source>Audit chain</source>
        <translation>Cadeia de auditoria</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="97"/>
        <source>Box %1 corrected (version %2) by %3: %4</source>
        <translation>Caixa %1 corrigida (versão %2) por %3: %4</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="98"/>
        <source>Box %1 voided (version %2) by %3: %4</source>
        <translation>Caixa %1 anulada (versão %2) por %3: %4</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="102"/>
        <source>Box %1 entered by hand by %2: %3</source>
        <translation>Caixa %1 lançada à mão por %2: %3</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="106"/>
        <source>Box %1: version %2 written by two PCs (%3)</source>
        <translation>Caixa %1: versão %2 gravada por dois PCs (%3)</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="108"/>
        <source>Box %1: version %2 written from version %3, not the one before</source>
        <translation>Caixa %1: versão %2 gravada a partir da versão %3, não da anterior</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="112"/>
        <source>Box %1: %2 is %3 (critical band from %4)</source>
        <translation>Caixa %1: %2 é %3 (faixa crítica a partir de %4)</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="116"/>
        <source>Boxes %1 to %2 are missing</source>
        <translation>Faltam as caixas %1 a %2</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="119"/>
        <source>Box %1 registered %2 times</source>
        <translation>Caixa %1 registrada %2 vezes</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="122"/>
        <source>Station locked or unlocked (%1) at %2 by %3: %4</source>
        <translation>Estação bloqueada ou desbloqueada (%1) em %2 por %3: %4</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="126"/>
        <source>Alarm %1 (%2) acknowledged by %3 at %4: %5</source>
        <translation>Alarme %1 (%2) reconhecido por %3 em %4: %5</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="132"/>
        <source>The station&apos;s clock is %1 s off this PC&apos;s</source>
        <translation>O relógio da estação difere %1 s do deste PC</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="135"/>
        <source>Box %1 is stamped %2, before box %3 (%4): the station&apos;s clock went back</source>
        <translation>A caixa %1 tem hora %2, antes da caixa %3 (%4): o relógio da estação voltou</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="139"/>
        <source>Box %1 is stamped %2, ahead of this PC&apos;s clock</source>
        <translation>A caixa %1 tem hora %2, adiante do relógio deste PC</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="143"/>
        <source>The station&apos;s audit chain could not be verified: %1</source>
        <translation>Não foi possível verificar a cadeia de auditoria da estação: %1</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="145"/>
        <source>The station&apos;s audit chain is not intact: %1</source>
        <translation>A cadeia de auditoria da estação não está íntegra: %1</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="152"/>
        <source>Say what you checked: a note is required. Nothing was saved.</source>
        <translation>Diga o que você conferiu: a observação é obrigatória. Nada foi salvo.</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="153"/>
        <source>Acknowledge every exception before releasing; nothing was signed.</source>
        <translation>Dê ciência a cada exceção antes de liberar; nada foi assinado.</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="156"/>
        <source>Your signing key is not open on this PC: log in again (if it persists, an admin resets your password). Nothing was signed.</source>
        <translation>Sua chave de assinatura não está aberta neste PC: entre de novo (se persistir, um administrador redefine sua senha). Nada foi assinado.</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="158"/>
        <source>Wrong user name or password, or the account is locked. Nothing was signed; after repeated wrong entries the account is locked for a while.</source>
        <translation>Usuário ou senha incorretos, ou a conta está bloqueada. Nada foi assinado; após erros repetidos a conta fica bloqueada por um tempo.</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="161"/>
        <source>This PC holds no records of this lot; nothing was signed.</source>
        <translation>Este PC não tem registros deste lote; nada foi assinado.</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="162"/>
        <source>The lot&apos;s status does not allow this decision now; nothing was signed.</source>
        <translation>O status do lote não permite esta decisão agora; nada foi assinado.</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="164"/>
        <source>The lot changed since you opened it: review it again. Nothing was signed.</source>
        <translation>O lote mudou desde que você o abriu: revise de novo. Nada foi assinado.</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="166"/>
        <source>This PC&apos;s clock is behind the time of the lot&apos;s last decision; nothing was signed. Set this PC&apos;s clock right (the Stations tab shows each PC&apos;s clock skew), then sign again.</source>
        <translation>O relógio deste PC está atrás do horário da última decisão do lote; nada foi assinado. Acerte o relógio deste PC (a aba Estações mostra a diferença de relógio de cada PC) e assine de novo.</translation>
    </message>
</context>
<context>
    <name>LotsModel</name>
    <message>
        <location filename="../admin/lots_model.py" line="24"/>
        <source>Lot</source>
        <translation>Lote</translation>
    </message>
    <message>
        <location filename="../admin/lot_texts.py" line="25"/>
        <source>Status</source>
        <translation>Situação</translation>
    </message>
    <message>
        <location filename="../admin/lots_model.py" line="24"/>
        <source>Records</source>
        <translation>Registros</translation>
    </message>
    <message>
        <location filename="../admin/lots_model.py" line="25"/>
        <source>Stations</source>
        <translation>Estações</translation>
    </message>
    <message>
        <location filename="../admin/lots_model.py" line="25"/>
        <source>First box</source>
        <translation>Primeira caixa</translation>
    </message>
    <message>
        <location filename="../admin/lots_model.py" line="25"/>
        <source>Last box</source>
        <translation>Última caixa</translation>
    </message>
</context>
<context>
    <name>LotsTab</name>
    <message>
        <location filename="../admin/lots_tab.py" line="46"/>
        <source>Lots</source>
        <translation>Lotes</translation>
    </message>
    <message>
        <location filename="../admin/lots_tab.py" line="58"/>
        <source>Refresh</source>
        <translation>Atualizar</translation>
    </message>
    <message>
        <location filename="../admin/lots_tab.py" line="60"/>
        <source>Review and sign…</source>
        <translation>Revisar e assinar…</translation>
    </message>
    <message>
        <location filename="../admin/lots_tab.py" line="71"/>
        <source>Lot record (PDF)…</source>
        <translation>Registro do lote (PDF)…</translation>
    </message>
    <message>
        <location filename="../admin/lots_tab.py" line="123"/>
        <source>&lt;b&gt;Lot %1&lt;/b&gt;: %2</source>
        <translation>&lt;b&gt;Lote %1&lt;/b&gt;: %2</translation>
    </message>
    <message>
        <location filename="../admin/lots_tab.py" line="126"/>
        <source>No decision signed yet.</source>
        <translation>Nenhuma decisão assinada ainda.</translation>
    </message>
    <message>
        <location filename="../admin/lots_tab.py" line="131"/>
        <source>%1 — %2 (%3), %4</source>
        <translation>%1 — %2 (%3), %4</translation>
    </message>
    <message>
        <location filename="../admin/lots_tab.py" line="136"/>
        <source>invalidated: the lot&apos;s records changed after it</source>
        <translation>invalidada: os registros do lote mudaram depois dela</translation>
    </message>
    <message>
        <location filename="../admin/lots_tab.py" line="141"/>
        <source>Not a decision: event %1 of %2 (%3)</source>
        <translation>Não é uma decisão: evento %1 de %2 (%3)</translation>
    </message>
    <message>
        <location filename="../admin/lots_tab.py" line="164"/>
        <source>Save the lot record</source>
        <translation>Salvar o registro do lote</translation>
    </message>
    <message>
        <location filename="../admin/lots_tab.py" line="165"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../admin/lots_tab.py" line="172"/>
        <source>The lots could not be read (%1).</source>
        <translation>Os lotes não puderam ser lidos (%1).</translation>
    </message>
</context>
<context>
    <name>MachineTable</name>
    <message>
        <location filename="../admin/machine_table.py" line="27"/>
        <source>Machine table</source>
        <translation>Tabela de máquinas</translation>
    </message>
    <message>
        <location filename="../admin/machine_table.py" line="23"/>
        <source>Station (machine)</source>
        <translation>Estação (máquina)</translation>
    </message>
    <message>
        <location filename="../admin/machine_table.py" line="23"/>
        <source>Capsule size</source>
        <translation>Tamanho da cápsula</translation>
    </message>
    <message>
        <location filename="../admin/machine_table.py" line="24"/>
        <source>Unit weight (mg)</source>
        <translation>Peso unitário (mg)</translation>
    </message>
    <message>
        <location filename="../admin/machine_table.py" line="24"/>
        <source>Add machine</source>
        <translation>Adicionar máquina</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../messages.py" line="26"/>
        <source>Lot</source>
        <translation>Lote</translation>
    </message>
    <message>
        <location filename="../messages.py" line="27"/>
        <source>Box</source>
        <translation>Caixa</translation>
    </message>
    <message>
        <location filename="../messages.py" line="28"/>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <location filename="../messages.py" line="29"/>
        <source>CAM-D %</source>
        <translation>CAM-D %</translation>
    </message>
    <message>
        <location filename="../messages.py" line="30"/>
        <source>CAM-W %</source>
        <translation>CAM-W %</translation>
    </message>
    <message>
        <location filename="../messages.py" line="31"/>
        <source>Unit weight</source>
        <translation>Peso unitário</translation>
    </message>
    <message>
        <location filename="../messages.py" line="32"/>
        <source>Total boxes</source>
        <translation>Total de caixas</translation>
    </message>
    <message>
        <location filename="../messages.py" line="33"/>
        <source>Current box</source>
        <translation>Caixa atual</translation>
    </message>
    <message>
        <location filename="../messages.py" line="34"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../messages.py" line="35"/>
        <source>Rejections</source>
        <translation>Rejeições</translation>
    </message>
    <message>
        <location filename="../messages.py" line="40"/>
        <source>Defect %1</source>
        <translation>Defeito %1</translation>
    </message>
    <message>
        <location filename="../messages.py" line="41"/>
        <source>Location %1</source>
        <translation>Local %1</translation>
    </message>
    <message>
        <location filename="../messages.py" line="49"/>
        <source>location not recorded</source>
        <translation>local não registrado</translation>
    </message>
    <message>
        <location filename="../messages.py" line="66"/>
        <source>Required.</source>
        <translation>Obrigatório.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="71"/>
        <source>Type a whole number.</source>
        <translation>Digite um número inteiro.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="75"/>
        <source>Must be at least %1.</source>
        <translation>Deve ser no mínimo %1.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="76"/>
        <source>Must be from %1 to %2.</source>
        <translation>Deve estar entre %1 e %2.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="85"/>
        <source>Contains invisible or control characters.</source>
        <translation>Contém caracteres invisíveis ou de controle.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="87"/>
        <source>Use letters, digits, space and . _ / # - only.</source>
        <translation>Use só letras, números, espaço e . _ / # -.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="89"/>
        <source>Not in the list: choose one of the options.</source>
        <translation>Não está na lista: escolha uma das opções.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="91"/>
        <source>Choose the defect for this location.</source>
        <translation>Escolha o defeito para este local.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="93"/>
        <source>Choose where the defect is (Cap, Body, Cap/Body).</source>
        <translation>Escolha onde está o defeito (Cap, Body, Cap/Body).</translation>
    </message>
    <message>
        <location filename="../messages.py" line="98"/>
        <source>2 to 32 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;.</source>
        <translation>De 2 a 32 letras, números, &apos;.&apos;, &apos;_&apos; ou &apos;-&apos;.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="100"/>
        <source>Wrong kind of value.</source>
        <translation>Tipo de valor errado.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="68"/>
        <source>Type a number, e.g. %1.</source>
        <translation>Digite um número, por exemplo %1.</translation>
    </message>
    <message numerus="yes">
        <location filename="../messages.py" line="79"/>
        <source>Too long (at most %n character(s)).</source>
        <translation>
            <numerusform>Longo demais (no máximo %n caractere).</numerusform>
            <numerusform>Longo demais (no máximo %n caracteres).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../messages.py" line="82"/>
        <source>Too short (at least %n character(s)).</source>
        <translation>
            <numerusform>Curto demais (ao menos %n caractere).</numerusform>
            <numerusform>Curto demais (ao menos %n caracteres).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../messages.py" line="95"/>
        <source>At most %n rejection(s).</source>
        <translation>
            <numerusform>No máximo %n rejeição.</numerusform>
            <numerusform>No máximo %n rejeições.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../messages.py" line="102"/>
        <source>Not a time zone: choose one from the list.</source>
        <translation>Não é um fuso horário: escolha um da lista.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="104"/>
        <source>Appears twice; keep one.</source>
        <translation>Aparece duas vezes; mantenha um.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="106"/>
        <source>Reserved for imported rejections whose location was not recorded; choose another name.</source>
        <translation>Reservado para rejeições importadas sem local registrado; escolha outro nome.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="110"/>
        <source>The bands must rise: excellent below good below attention.</source>
        <translation>As faixas devem subir: excelente abaixo de boa, boa abaixo de atenção.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="112"/>
        <source>The maximum must be above the minimum.</source>
        <translation>O máximo deve ser maior que o mínimo.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="114"/>
        <source>Critical must be above warning.</source>
        <translation>Crítico deve ser maior que alerta.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="120"/>
        <source>No lot is set. Set the lot first (Lot… button).</source>
        <translation>Nenhum lote definido. Defina o lote primeiro (botão Lote…).</translation>
    </message>
    <message>
        <location filename="../messages.py" line="122"/>
        <source>This lot is complete. Set the next lot to continue; nothing was saved.</source>
        <translation>Este lote está completo. Defina o próximo lote para continuar; nada foi salvo.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="124"/>
        <source>Production entry is locked by a supervisor: %1</source>
        <translation>O registro de produção foi bloqueado por um encarregado: %1</translation>
    </message>
    <message>
        <location filename="../messages.py" line="127"/>
        <source>This record is voided and cannot be changed.</source>
        <translation>Este registro foi anulado e não pode ser alterado.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="129"/>
        <source>This record no longer exists here.</source>
        <translation>Este registro não existe mais aqui.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="131"/>
        <source>This station is not in the machine table; choose one from the list. Nothing was saved.</source>
        <translation>Esta estação não está na tabela de máquinas; escolha uma da lista. Nada foi salvo.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="133"/>
        <source>The date and time are in the future. Enter when the box was really made; nothing was saved.</source>
        <translation>A data e a hora estão no futuro. Informe quando a caixa foi realmente feita; nada foi salvo.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="135"/>
        <source>Wrong password (or the account is locked): nothing was saved. After repeated wrong entries your account is locked for a while.</source>
        <translation>Senha errada (ou conta bloqueada): nada foi salvo. Após erros repetidos sua conta fica bloqueada por um tempo.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="137"/>
        <source>A change to another station&apos;s record must be signed with your password; nothing was saved.</source>
        <translation>Uma alteração em registro de outra estação precisa ser assinada com sua senha; nada foi salvo.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="139"/>
        <source>This lot is released (or rejected): its records cannot change until a quality person reopens it with a reason and a signature. Nothing was saved.</source>
        <translation>Este lote está liberado (ou reprovado): seus registros não podem mudar até que uma pessoa da qualidade o reabra com um motivo e uma assinatura. Nada foi salvo.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="141"/>
        <source>Your signature cannot be checked here, so nothing was saved. Tell your administrator.</source>
        <translation>Sua assinatura não pode ser conferida aqui, por isso nada foi salvo. Avise o administrador.</translation>
    </message>
    <message numerus="yes">
        <location filename="../messages.py" line="147"/>
        <source>The password needs at least %n character(s).</source>
        <translation>
            <numerusform>A senha precisa de ao menos %n caractere.</numerusform>
            <numerusform>A senha precisa de ao menos %n caracteres.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../messages.py" line="150"/>
        <source>The password may have at most 72 bytes (accented letters count as 2).</source>
        <translation>A senha pode ter no máximo 72 bytes (letras acentuadas contam 2).</translation>
    </message>
    <message>
        <location filename="../messages.py" line="152"/>
        <source>This password is too common or too easy to guess.</source>
        <translation>Esta senha é comum demais ou fácil de adivinhar.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="154"/>
        <source>The new password must differ from the old one.</source>
        <translation>A nova senha deve ser diferente da antiga.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="156"/>
        <source>The password must not be the username.</source>
        <translation>A senha não pode ser o nome de usuário.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="158"/>
        <source>The password must not contain the username: it is the first thing tried. Choose words that have nothing to do with the person, such as three unrelated words.</source>
        <translation>A senha não pode conter o nome de usuário: é a primeira coisa que se tenta. Escolha palavras que não tenham nada a ver com a pessoa, como três palavras sem relação entre si.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="160"/>
        <source>The password must not contain the person&apos;s name: it is the first thing tried. Choose words that have nothing to do with the person, such as three unrelated words.</source>
        <translation>A senha não pode conter o nome da pessoa: é a primeira coisa que se tenta. Escolha palavras que não tenham nada a ver com a pessoa, como três palavras sem relação entre si.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="162"/>
        <source>A common word with digits or a year added is among the first guesses. Choose three or four unrelated words instead.</source>
        <translation>Uma palavra comum com números ou um ano no fim está entre os primeiros palpites. Escolha três ou quatro palavras sem relação entre si.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="164"/>
        <source>The password contains invisible characters.</source>
        <translation>A senha contém caracteres invisíveis.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="165"/>
        <source>This password cannot be used.</source>
        <translation>Esta senha não pode ser usada.</translation>
    </message>
    <message>
        <location filename="../i18n.py" line="69"/>
        <source>decimal-separator</source>
        <translation>,</translation>
    </message>
</context>
<context>
    <name>ModePage</name>
    <message>
        <location filename="../wizard/start_pages.py" line="72"/>
        <source>Create a new site</source>
        <translation>Criar um novo site</translation>
    </message>
    <message>
        <location filename="../wizard/start_pages.py" line="73"/>
        <source>The first PC of a plant. You choose a shared folder that every PC can open, the site passphrase, and the first admin account.</source>
        <translation>O primeiro PC de uma fábrica. Você escolhe uma pasta compartilhada que todos os PCs conseguem abrir, a frase-senha do site e a primeira conta de administrador.</translation>
    </message>
    <message>
        <location filename="../wizard/start_pages.py" line="76"/>
        <source>Join a site</source>
        <translation>Entrar em um site</translation>
    </message>
    <message>
        <location filename="../wizard/start_pages.py" line="77"/>
        <source>Another PC of a plant whose site exists already. You need the shared folder and the site passphrase.</source>
        <translation>Outro PC de uma fábrica cujo site já existe. Você precisa da pasta compartilhada e da frase-senha do site.</translation>
    </message>
    <message>
        <location filename="../wizard/start_pages.py" line="80"/>
        <source>Try it on this PC</source>
        <translation>Experimentar neste PC</translation>
    </message>
    <message>
        <location filename="../wizard/start_pages.py" line="81"/>
        <source>Everything stays on this PC, to see how the app works. You choose the admin&apos;s username and password.</source>
        <translation>Tudo fica neste PC, para ver como o aplicativo funciona. Você escolhe o usuário e a senha do administrador.</translation>
    </message>
    <message>
        <location filename="../wizard/start_pages.py" line="85"/>
        <source>How will this PC be used?</source>
        <translation>Como este PC será usado?</translation>
    </message>
    <message>
        <location filename="../wizard/start_pages.py" line="92"/>
        <source>Choose one of the three.</source>
        <translation>Escolha uma das três opções.</translation>
    </message>
</context>
<context>
    <name>Numbers</name>
    <message>
        <location filename="../numbers.py" line="40"/>
        <source>%1 g</source>
        <translation>%1 g</translation>
    </message>
    <message>
        <location filename="../numbers.py" line="42"/>
        <source>%1 mg</source>
        <translation>%1 mg</translation>
    </message>
    <message>
        <location filename="../numbers.py" line="65"/>
        <source>CSV: numbers with a decimal point, columns separated by commas, column names in English.</source>
        <translation>CSV: números com ponto decimal, colunas separadas por vírgulas, nomes das colunas em inglês.</translation>
    </message>
    <message>
        <location filename="../numbers.py" line="68"/>
        <source>Excel: real numbers (Excel shows them in its own language), column names in English.</source>
        <translation>Excel: números de verdade (o Excel os mostra no idioma dele), nomes das colunas em inglês.</translation>
    </message>
</context>
<context>
    <name>Oee</name>
    <message>
        <location filename="../admin/oee_texts.py" line="16"/>
        <source>&lt;b&gt;Planned time&lt;/b&gt;: the shift&apos;s length minus the planned breaks of the shift plan (up to now for the shift under way); a shift in which a station recorded no box and no stop was not planned for it. &lt;b&gt;Downtime&lt;/b&gt;: the stops (no box for the catalog&apos;s minutes, or declared by the operator) without their planned-break parts. &lt;b&gt;Availability&lt;/b&gt; = (planned − downtime) / planned. &lt;b&gt;Performance&lt;/b&gt; = boxes × ideal time per box of their size (catalog) / run time. &lt;b&gt;Quality&lt;/b&gt; = boxes without a rejection / boxes. &lt;b&gt;OEE&lt;/b&gt; = availability × performance × quality. Totals are sums first, then ratios. Double-click a line for the stops and records behind it.</source>
        <translation>&lt;b&gt;Tempo planejado&lt;/b&gt;: a duração do turno menos as pausas planejadas do plano de turnos (até agora no turno em andamento); um turno em que a estação não registrou nenhuma caixa nem parada não foi planejado para ela. &lt;b&gt;Tempo parado&lt;/b&gt;: as paradas (nenhuma caixa pelos minutos do catálogo, ou declaradas pelo operador) sem as partes dentro de pausas planejadas. &lt;b&gt;Disponibilidade&lt;/b&gt; = (planejado − parado) / planejado. &lt;b&gt;Desempenho&lt;/b&gt; = caixas × tempo ideal por caixa do seu tamanho (catálogo) / tempo rodando. &lt;b&gt;Qualidade&lt;/b&gt; = caixas sem rejeição / caixas. &lt;b&gt;OEE&lt;/b&gt; = disponibilidade × desempenho × qualidade. Totais são somas primeiro, depois razões. Clique duas vezes numa linha para ver as paradas e os registros por trás dela.</translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="29"/>
        <source>Day</source>
        <translation>Dia</translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="29"/>
        <source>Shift</source>
        <translation>Turno</translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="29"/>
        <source>Station</source>
        <translation>Estação</translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="30"/>
        <source>Planned</source>
        <translation>Planejado</translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="30"/>
        <source>Downtime</source>
        <translation>Tempo parado</translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="30"/>
        <source>Stops</source>
        <translation>Paradas</translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="31"/>
        <source>Boxes</source>
        <translation>Caixas</translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="31"/>
        <source>Good</source>
        <translation>Boas</translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="32"/>
        <source>Availability</source>
        <translation>Disponibilidade</translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="32"/>
        <source>Performance</source>
        <translation>Desempenho</translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="33"/>
        <source>Quality</source>
        <translation>Qualidade</translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="33"/>
        <source>OEE</source>
        <translation>OEE</translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="40"/>
        <source>Planned %1 min − downtime %2 min = run %3 min</source>
        <translation>Planejado %1 min − parado %2 min = rodando %3 min</translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="43"/>
        <source>Availability = %1 / %2 = %3</source>
        <translation>Disponibilidade = %1 / %2 = %3</translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="46"/>
        <source>Performance = ideal %1 min / run %2 min = %3</source>
        <translation>Desempenho = ideal %1 min / rodando %2 min = %3</translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="50"/>
        <source>Quality = %1 good / %2 boxes = %3</source>
        <translation>Qualidade = %1 boas / %2 caixas = %3</translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="52"/>
        <source>OEE = %1</source>
        <translation>OEE = %1</translation>
    </message>
    <message>
        <location filename="../admin/oee_texts.py" line="73"/>
        <source>Above 100 %: the boxes came faster than the catalog&apos;s ideal rate for their size, so that rate is set too low (Catalog → Stops and OEE).</source>
        <translation>Acima de 100 %: as caixas vieram mais rápido que a taxa ideal do catálogo para o tamanho, então essa taxa está baixa demais (Catálogo → Paradas e OEE).</translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/oee_texts.py" line="80"/>
        <source>Performance above 100 % on %n line(s): the catalog&apos;s ideal rate for their sizes is set too low, so their performance and OEE read too high. Correct the ideal boxes / h in Catalog → Stops and OEE.</source>
        <translation>
            <numerusform>Desempenho acima de 100 % em %n linha: a taxa ideal do catálogo para os seus tamanhos está baixa demais, então o desempenho e o OEE aparecem altos demais. Corrija as caixas ideais / h em Catálogo → Paradas e OEE.</numerusform>
            <numerusform>Desempenho acima de 100 % em %n linhas: a taxa ideal do catálogo para os seus tamanhos está baixa demais, então o desempenho e o OEE aparecem altos demais. Corrija as caixas ideais / h em Catálogo → Paradas e OEE.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OeeRowsDialog</name>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="51"/>
        <source>Behind the numbers: %1</source>
        <translation>Por trás dos números: %1</translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="56"/>
        <source>Started</source>
        <translation>Início</translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="56"/>
        <source>Ended</source>
        <translation>Fim</translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="56"/>
        <source>Length</source>
        <translation>Duração</translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="56"/>
        <location filename="../admin/oee_rows_dialog.py" line="76"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="57"/>
        <source>Classified by</source>
        <translation>Classificada por</translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="57"/>
        <source>Classified at</source>
        <translation>Classificada em</translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="57"/>
        <source>Note</source>
        <translation>Observação</translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="61"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="61"/>
        <source>Lot</source>
        <translation>Lote</translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="61"/>
        <source>Box</source>
        <translation>Caixa</translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="61"/>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="62"/>
        <source>Rejections</source>
        <translation>Rejeições</translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="62"/>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="62"/>
        <source>Status</source>
        <translation>Situação</translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="69"/>
        <source>Note (optional)</source>
        <translation>Observação (opcional)</translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="71"/>
        <source>Classify the selected stop</source>
        <translation>Classificar a parada selecionada</translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="81"/>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="83"/>
        <source>Stops</source>
        <translation>Paradas</translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="84"/>
        <source>Records</source>
        <translation>Registros</translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="118"/>
        <source>Choose a stop in the list first.</source>
        <translation>Escolha uma parada na lista primeiro.</translation>
    </message>
    <message>
        <location filename="../admin/oee_rows_dialog.py" line="128"/>
        <source>Recorded: stop of station %1 is now %2. The figures follow once the site view takes this PC&apos;s event.</source>
        <translation>Registrado: a parada da estação %1 agora é %2. Os números acompanham assim que a visão do site receber o evento deste PC.</translation>
    </message>
</context>
<context>
    <name>OeeTab</name>
    <message>
        <location filename="../admin/oee_tab.py" line="56"/>
        <source>Everything (last %1 days)</source>
        <translation>Tudo (últimos %1 dias)</translation>
    </message>
    <message>
        <location filename="../admin/oee_tab.py" line="60"/>
        <source>per shift</source>
        <translation>por turno</translation>
    </message>
    <message>
        <location filename="../admin/oee_tab.py" line="61"/>
        <source>per day</source>
        <translation>por dia</translation>
    </message>
    <message>
        <location filename="../admin/oee_tab.py" line="76"/>
        <source>OEE per station and shift</source>
        <translation>OEE por estação e turno</translation>
    </message>
    <message>
        <location filename="../admin/oee_tab.py" line="90"/>
        <source>Rows behind the selected line…</source>
        <translation>Registros por trás da linha selecionada…</translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/oee_tab.py" line="145"/>
        <source>Period: OEE %1 · availability %2 · performance %3 · quality %4 · %n box(es)</source>
        <translation>
            <numerusform>Período: OEE %1 · disponibilidade %2 · desempenho %3 · qualidade %4 · %n caixa</numerusform>
            <numerusform>Período: OEE %1 · disponibilidade %2 · desempenho %3 · qualidade %4 · %n caixas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OfficeWindow</name>
    <message>
        <location filename="../office_window.py" line="29"/>
        <source>Shopfloor Collector · office PC %1</source>
        <translation>Shopfloor Collector · PC de escritório %1</translation>
    </message>
    <message>
        <location filename="../office_window.py" line="32"/>
        <source>%1 · DEMO (synthetic data)</source>
        <translation>%1 · DEMO (dados sintéticos)</translation>
    </message>
    <message>
        <location filename="../office_window.py" line="35"/>
        <source>Log out</source>
        <translation>Sair</translation>
    </message>
    <message>
        <location filename="../office_window.py" line="46"/>
        <source>This is an office PC: production is recorded at the stations, and the admin panel is for supervisors, analysts and admins. Log out when you are done.</source>
        <translation>Este é um PC de escritório: a produção é registrada nas estações, e o painel de administração é para supervisores, analistas e administradores. Saia quando terminar.</translation>
    </message>
</context>
<context>
    <name>PasswordCheck</name>
    <message>
        <location filename="../password_check.py" line="56"/>
        <source>This account is locked until %1 after repeated wrong passwords; it unlocks by itself then. An admin can unlock it sooner.</source>
        <translation>Esta conta está bloqueada até %1 após senhas erradas repetidas; ela se desbloqueia sozinha nesse horário. Um administrador pode desbloqueá-la antes.</translation>
    </message>
    <message>
        <location filename="../password_check.py" line="60"/>
        <source>This account is locked until %1 after repeated wrong passwords; it unlocks by itself then. No other account here can unlock it, so wait until then. Check Caps Lock and the keyboard layout before the next try; once in, add a second admin so that one can unlock the other.</source>
        <translation>Esta conta está bloqueada até %1 após senhas erradas repetidas; ela se desbloqueia sozinha nesse horário. Nenhuma outra conta aqui pode desbloqueá-la, então aguarde até lá. Verifique o Caps Lock e o layout do teclado antes da próxima tentativa; depois de entrar, crie um segundo administrador para que um possa desbloquear o outro.</translation>
    </message>
    <message>
        <location filename="../password_check.py" line="77"/>
        <source>Tries left before your account is locked: %1.</source>
        <translation>Tentativas restantes antes de sua conta ser bloqueada: %1.</translation>
    </message>
</context>
<context>
    <name>PcSettingsDialog</name>
    <message>
        <location filename="../pc_settings_dialog.py" line="60"/>
        <location filename="../pc_settings_dialog.py" line="177"/>
        <location filename="../pc_settings_dialog.py" line="252"/>
        <source>This PC&apos;s settings</source>
        <translation>Configurações deste PC</translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="78"/>
        <source>Only a new path to this PC&apos;s own site, for example after the share moved to another server.</source>
        <translation>Só um novo caminho para o próprio site deste PC, por exemplo depois que a pasta mudou de servidor.</translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="80"/>
        <source>This PC is not in a site; creating or joining one is done by the first-run set-up.</source>
        <translation>Este PC não está em um site; criar ou entrar em um é feito pela instalação inicial.</translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="86"/>
        <source>As the system (Portuguese or English)</source>
        <translation>Como o sistema (português ou inglês)</translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="92"/>
        <source>Automatic: 50 ms on a local folder, 500 ms on a network share</source>
        <translation>Automático: 50 ms em pasta local, 500 ms em pasta de rede</translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="100"/>
        <source>Show the small &quot;Register production&quot; window to operators</source>
        <translation>Mostrar aos operadores a janela pequena &quot;Registrar produção&quot;</translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="104"/>
        <source>Start automatically when this PC starts</source>
        <translation>Iniciar automaticamente quando este PC ligar</translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="115"/>
        <source>Another disk or a server keeps a copy when this PC fails.</source>
        <translation>Outro disco ou um servidor guarda uma cópia quando este PC falha.</translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="118"/>
        <source>empty: the backups folder inside this PC&apos;s data folder</source>
        <translation>vazio: a pasta backups dentro da pasta de dados deste PC</translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="122"/>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="123"/>
        <source>never (only on request)</source>
        <translation>nunca (só quando pedido)</translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="141"/>
        <source>Shared folder</source>
        <translation>Pasta compartilhada</translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="143"/>
        <source>This PC</source>
        <translation>Este PC</translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="144"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="145"/>
        <source>Status every</source>
        <translation>Status a cada</translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="146"/>
        <source>Commands checked every</source>
        <translation>Comandos verificados a cada</translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="152"/>
        <source>keep the newest</source>
        <translation>manter os mais recentes</translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="155"/>
        <source>Backups to</source>
        <translation>Backups em</translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="157"/>
        <source>A backup every</source>
        <translation>Um backup a cada</translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="159"/>
        <source>The folder, the station, the language and the intervals take effect when the app starts again; the register window and starting with the PC at once. A newer site catalog with its own intervals replaces these.</source>
        <translation>A pasta, a estação, o idioma e os intervalos valem quando o aplicativo abrir de novo; a janela de registro e o início com o PC, na hora. Um catálogo do site mais novo com seus próprios intervalos substitui estes.</translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="169"/>
        <source>Save</source>
        <translation>Salvar</translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="172"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="253"/>
        <source>Saved. Start the app again to use the new %1.</source>
        <translation>Salvo. Abra o aplicativo de novo para usar o novo valor de: %1.</translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="263"/>
        <source>shared folder</source>
        <translation>pasta compartilhada</translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="263"/>
        <location filename="../pc_settings_dialog.py" line="264"/>
        <source>station</source>
        <translation>estação</translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="264"/>
        <source>language</source>
        <translation>idioma</translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="265"/>
        <source>intervals</source>
        <translation>intervalos</translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="272"/>
        <source>Only an admin can change this PC&apos;s settings. The attempt was recorded; nothing was changed.</source>
        <translation>Só um administrador pode mudar as configurações deste PC. A tentativa foi registrada; nada foi alterado.</translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="276"/>
        <source>This backup folder cannot be used (%1). Nothing was saved; choose another folder.</source>
        <translation>Esta pasta de backup não pode ser usada (%1). Nada foi salvo; escolha outra pasta.</translation>
    </message>
    <message>
        <location filename="../pc_settings_dialog.py" line="282"/>
        <source>The backup settings were saved.</source>
        <translation>As configurações de backup foram salvas.</translation>
    </message>
</context>
<context>
    <name>ProductionTab</name>
    <message>
        <location filename="../admin/production_tab.py" line="75"/>
        <source>lot</source>
        <translation>lote</translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="77"/>
        <source>operator</source>
        <translation>operador</translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="79"/>
        <source>any defect</source>
        <translation>qualquer defeito</translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="83"/>
        <source>Apply</source>
        <translation>Aplicar</translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="85"/>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="87"/>
        <source>Export Excel…</source>
        <translation>Exportar Excel…</translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="89"/>
        <source>Manual record…</source>
        <translation>Registro manual…</translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="92"/>
        <source>Correct…</source>
        <translation>Corrigir…</translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="95"/>
        <source>Void…</source>
        <translation>Anular…</translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="246"/>
        <source>Select a record first.</source>
        <translation>Selecione um registro primeiro.</translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="254"/>
        <source>This record is voided and cannot be changed.</source>
        <translation>Este registro está anulado e não pode ser alterado.</translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="261"/>
        <source>This record is already voided.</source>
        <translation>Este registro já está anulado.</translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="281"/>
        <source>Saved version %1 of lot %2, box %3.</source>
        <translation>Versão %1 do lote %2, caixa %3 salva.</translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="173"/>
        <location filename="../admin/production_tab.py" line="189"/>
        <source>all stations</source>
        <translation>todas as estações</translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="106"/>
        <source>Site records</source>
        <translation>Registros do site</translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="125"/>
        <source>Version history of the selected record</source>
        <translation>Histórico de versões do registro selecionado</translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="128"/>
        <source>Select a record to see its versions.</source>
        <translation>Selecione um registro para ver suas versões.</translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/production_tab.py" line="195"/>
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n registro</numerusform>
            <numerusform>%n registros</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="198"/>
        <source>newest first: more than %1 match, too many to sort by %2. Narrow the filters (a station, a shorter range) to sort.</source>
        <translation>mais recentes primeiro: mais de %1 correspondem, demais para ordenar por %2. Restrinja os filtros (uma estação, um período menor) para ordenar.</translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="291"/>
        <source>Record %1 · lot %2 · box %3 · registered by %4</source>
        <translation>Registro %1 · lote %2 · caixa %3 · registrado por %4</translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="298"/>
        <source>Version %1 · %2 · %3</source>
        <translation>Versão %1 · %2 · %3</translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="301"/>
        <source>Reason: %1</source>
        <translation>Motivo: %1</translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="309"/>
        <source>CONFLICT: written from version %1</source>
        <translation>CONFLITO: escrito a partir da versão %1</translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="323"/>
        <source>Status</source>
        <translation>Situação</translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="336"/>
        <source>voided</source>
        <translation>anulado</translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="336"/>
        <source>active</source>
        <translation>ativo</translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="342"/>
        <source>Export records</source>
        <translation>Exportar registros</translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/production_tab.py" line="355"/>
        <source>Exported %n record(s) to %1</source>
        <translation>
            <numerusform>%n registro exportado para %1</numerusform>
            <numerusform>%n registros exportados para %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/production_tab.py" line="359"/>
        <source>The file was not written: %1</source>
        <translation>O arquivo não foi gravado: %1</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <location filename="../admin/record_dialog.py" line="123"/>
        <source>correction</source>
        <translation>correção</translation>
    </message>
    <message>
        <location filename="../admin/record_dialog.py" line="127"/>
        <source>Correct record</source>
        <translation>Corrigir registro</translation>
    </message>
    <message>
        <location filename="../admin/record_dialog.py" line="127"/>
        <source>Manual record</source>
        <translation>Registro manual</translation>
    </message>
    <message>
        <location filename="../admin/record_dialog.py" line="135"/>
        <source>%1 (size %2)</source>
        <translation>%1 (tamanho %2)</translation>
    </message>
    <message>
        <location filename="../admin/record_dialog.py" line="142"/>
        <source>Station %1 · registered by %2 · version %3. Your correction is kept as a new version; the original stays in the history.</source>
        <translation>Estação %1 · registrado por %2 · versão %3. Sua correção fica como uma nova versão; o original permanece no histórico.</translation>
    </message>
    <message>
        <location filename="../admin/record_dialog.py" line="148"/>
        <source>A box entered on behalf of a station, for example while its PC was down. It is marked as manual and signed with your name.</source>
        <translation>Uma caixa lançada em nome de uma estação, por exemplo enquanto o PC dela estava parado. Fica marcada como manual e assinada com seu nome.</translation>
    </message>
    <message>
        <location filename="../admin/record_dialog.py" line="150"/>
        <source>Station</source>
        <translation>Estação</translation>
    </message>
    <message>
        <location filename="../admin/record_dialog.py" line="151"/>
        <source>Made at</source>
        <translation>Feita em</translation>
    </message>
    <message>
        <location filename="../record_fields.py" line="107"/>
        <source>Some values need attention; nothing was saved.</source>
        <translation>Alguns valores precisam de atenção; nada foi salvo.</translation>
    </message>
</context>
<context>
    <name>RecordFilters</name>
    <message>
        <location filename="../admin/record_filters.py" line="25"/>
        <source>Last 24 hours</source>
        <translation>Últimas 24 horas</translation>
    </message>
    <message>
        <location filename="../admin/record_filters.py" line="25"/>
        <source>Last 7 days</source>
        <translation>Últimos 7 dias</translation>
    </message>
    <message>
        <location filename="../admin/record_filters.py" line="26"/>
        <source>Last 30 days</source>
        <translation>Últimos 30 dias</translation>
    </message>
    <message>
        <location filename="../admin/record_filters.py" line="26"/>
        <source>Everything</source>
        <translation>Tudo</translation>
    </message>
    <message>
        <location filename="../admin/record_filters.py" line="30"/>
        <source>Refresh</source>
        <translation>Atualizar</translation>
    </message>
    <message>
        <location filename="../admin/record_filters.py" line="36"/>
        <source>Period</source>
        <translation>Período</translation>
    </message>
    <message>
        <location filename="../admin/record_filters.py" line="36"/>
        <source>Station</source>
        <translation>Estação</translation>
    </message>
    <message>
        <location filename="../admin/record_filters.py" line="58"/>
        <source>all</source>
        <translation>todas</translation>
    </message>
</context>
<context>
    <name>RecordsBehindDialog</name>
    <message>
        <location filename="../admin/records_behind_dialog.py" line="26"/>
        <source>Records behind a number</source>
        <translation>Registros por trás de um número</translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/records_behind_dialog.py" line="30"/>
        <source>%n record(s) behind: %2
Mean CAM-D of these records: %3 % · mean CAM-W: %4 % · rejections: %5</source>
        <translation>
            <numerusform>%n registro por trás de: %2
CAM-D médio destes registros: %3 % · CAM-W médio: %4 % · rejeições: %5</numerusform>
            <numerusform>%n registros por trás de: %2
CAM-D médio destes registros: %3 % · CAM-W médio: %4 % · rejeições: %5</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/records_behind_dialog.py" line="37"/>
        <source>Only the first %1 records in time order are shown: choose a shorter period or one station to see the rest.</source>
        <translation>Só os primeiros %1 registros em ordem de tempo são mostrados: escolha um período menor ou uma estação para ver o resto.</translation>
    </message>
    <message>
        <location filename="../admin/records_behind_dialog.py" line="40"/>
        <source>The records behind the figure</source>
        <translation>Os registros por trás do número</translation>
    </message>
</context>
<context>
    <name>RecordsTableModel</name>
    <message>
        <location filename="../records_model.py" line="30"/>
        <source>Station</source>
        <translation>Estação</translation>
    </message>
    <message>
        <location filename="../records_model.py" line="30"/>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <location filename="../records_model.py" line="32"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../records_model.py" line="32"/>
        <source>Lot</source>
        <translation>Lote</translation>
    </message>
    <message>
        <location filename="../records_model.py" line="32"/>
        <source>Box</source>
        <translation>Caixa</translation>
    </message>
    <message>
        <location filename="../records_model.py" line="32"/>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <location filename="../records_model.py" line="33"/>
        <source>Rejections</source>
        <translation>Rejeições</translation>
    </message>
    <message>
        <location filename="../records_model.py" line="33"/>
        <source>CAM-D %</source>
        <translation>CAM-D %</translation>
    </message>
    <message>
        <location filename="../records_model.py" line="33"/>
        <source>CAM-W %</source>
        <translation>CAM-W %</translation>
    </message>
    <message>
        <location filename="../records_model.py" line="34"/>
        <source>Operator</source>
        <translation>Operador</translation>
    </message>
    <message>
        <location filename="../records_model.py" line="34"/>
        <source>Status</source>
        <translation>Situação</translation>
    </message>
    <message>
        <location filename="../records_model.py" line="95"/>
        <source>voided</source>
        <translation>anulado</translation>
    </message>
    <message>
        <location filename="../records_model.py" line="97"/>
        <source>corrected</source>
        <translation>corrigido</translation>
    </message>
    <message>
        <location filename="../records_model.py" line="98"/>
        <source>saved</source>
        <translation>salvo</translation>
    </message>
</context>
<context>
    <name>RegisterWindow</name>
    <message>
        <location filename="../register_window.py" line="42"/>
        <location filename="../register_window.py" line="57"/>
        <source>Register production</source>
        <translation>Registrar produção</translation>
    </message>
    <message>
        <location filename="../register_window.py" line="47"/>
        <source>⠿ drag to move</source>
        <translation>⠿ arraste para mover</translation>
    </message>
    <message>
        <location filename="../register_window.py" line="67"/>
        <source>Station %1</source>
        <translation>Estação %1</translation>
    </message>
    <message>
        <location filename="../register_window.py" line="70"/>
        <source>No lot set</source>
        <translation>Nenhum lote definido</translation>
    </message>
    <message>
        <location filename="../register_window.py" line="72"/>
        <source>Lot %1 · box %2/%3</source>
        <translation>Lote %1 · caixa %2/%3</translation>
    </message>
</context>
<context>
    <name>ReleaseDialog</name>
    <message>
        <location filename="../admin/release_dialog.py" line="91"/>
        <source>Review and sign lot %1</source>
        <translation>Revisar e assinar o lote %1</translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="92"/>
        <source>Reading the lot…</source>
        <translation>Lendo o lote…</translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="111"/>
        <source>What you checked</source>
        <translation>O que você conferiu</translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="112"/>
        <source>Acknowledge selected</source>
        <translation>Dar ciência às selecionadas</translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="123"/>
        <source>Why (at least 10 characters)</source>
        <translation>Por quê (ao menos 10 caracteres)</translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="125"/>
        <source>Decision</source>
        <translation>Decisão</translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="126"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="131"/>
        <source>Sign</source>
        <translation>Assinar</translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="132"/>
        <source>Exceptions to look at before release:</source>
        <translation>Exceções a examinar antes da liberação:</translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="158"/>
        <source>Stations: %1 · %2 · from %3 to %4</source>
        <translation>Estações: %1 · %2 · de %3 a %4</translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/release_dialog.py" line="160"/>
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n registro</numerusform>
            <numerusform>%n registros</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/release_dialog.py" line="199"/>
        <source>%n exception(s) still to acknowledge before release.</source>
        <translation>
            <numerusform>%n exceção ainda sem ciência antes da liberação.</numerusform>
            <numerusform>%n exceções ainda sem ciência antes da liberação.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="163"/>
        <source>Content SHA-256: %1</source>
        <translation>SHA-256 do conteúdo: %1</translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="156"/>
        <source>Lot %1 · %2: %3</source>
        <translation>Lote %1 · %2: %3</translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="202"/>
        <source>Signing as %1 (%2): your signature is bound to the lot&apos;s content as shown above.</source>
        <translation>Assinando como %1 (%2): sua assinatura fica vinculada ao conteúdo do lote mostrado acima.</translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="214"/>
        <source>Select the exceptions you looked at first.</source>
        <translation>Selecione primeiro as exceções que você examinou.</translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="230"/>
        <source>Acknowledged.</source>
        <translation>Ciência registrada.</translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="253"/>
        <source>Signed: %1 by %2 at %3.</source>
        <translation>Assinado: %1 por %2 em %3.</translation>
    </message>
    <message>
        <location filename="../admin/release_dialog.py" line="264"/>
        <source>The lot could not be read (%1); nothing was signed.</source>
        <translation>O lote não pôde ser lido (%1); nada foi assinado.</translation>
    </message>
</context>
<context>
    <name>RemotePrompts</name>
    <message>
        <location filename="../remote_prompts.py" line="31"/>
        <source>Message from %1</source>
        <translation>Mensagem de %1</translation>
    </message>
    <message>
        <location filename="../remote_prompts.py" line="33"/>
        <source>From %1</source>
        <translation>De %1</translation>
    </message>
    <message>
        <location filename="../remote_prompts.py" line="35"/>
        <source>I have read it</source>
        <translation>Li a mensagem</translation>
    </message>
    <message>
        <location filename="../remote_prompts.py" line="59"/>
        <source>Close the application?</source>
        <translation>Fechar o aplicativo?</translation>
    </message>
    <message>
        <location filename="../remote_prompts.py" line="61"/>
        <source>%1 asks to restart the application now.</source>
        <translation>%1 pede para reiniciar o aplicativo agora.</translation>
    </message>
    <message>
        <location filename="../remote_prompts.py" line="62"/>
        <source>%1 asks to close the application now.</source>
        <translation>%1 pede para fechar o aplicativo agora.</translation>
    </message>
    <message>
        <location filename="../remote_prompts.py" line="64"/>
        <source>Everything you saved is kept.</source>
        <translation>Tudo o que você salvou está guardado.</translation>
    </message>
</context>
<context>
    <name>ReviewsModel</name>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="44"/>
        <source>Signed</source>
        <translation>Assinada</translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="44"/>
        <source>Who</source>
        <translation>Quem</translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="44"/>
        <source>Period</source>
        <translation>Período</translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="45"/>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="45"/>
        <source>Note</source>
        <translation>Observação</translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="45"/>
        <source>Valid</source>
        <translation>Válida</translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="70"/>
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="72"/>
        <source>the signature holds, but events arrived in this period after the review (%1 signed, %2 now): review it again</source>
        <translation>a assinatura vale, mas chegaram eventos neste período depois da revisão (%1 assinados, %2 agora): revise de novo</translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="75"/>
        <source>the signature holds, but this PC holds fewer of the period&apos;s events than were reviewed (%1 signed, %2 here): the site view may not have read every station yet</source>
        <translation>a assinatura vale, mas este PC tem menos eventos do período do que os revisados (%1 assinados, %2 aqui): a visão do site talvez ainda não tenha lido todas as estações</translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="79"/>
        <source>the signature holds, but the period&apos;s events are not those reviewed (%1 signed, %2 now): review it again</source>
        <translation>a assinatura vale, mas os eventos do período não são os revisados (%1 assinados, %2 agora): revise de novo</translation>
    </message>
    <message>
        <location filename="../admin/audit_review_dialog.py" line="68"/>
        <source>no: %1</source>
        <translation>não: %1</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../header.py" line="272"/>
        <source>operator</source>
        <translation>operador</translation>
    </message>
    <message>
        <location filename="../header.py" line="273"/>
        <source>analyst</source>
        <translation>analista</translation>
    </message>
    <message>
        <location filename="../header.py" line="274"/>
        <source>supervisor</source>
        <translation>encarregado</translation>
    </message>
    <message>
        <location filename="../header.py" line="275"/>
        <source>quality</source>
        <translation>qualidade</translation>
    </message>
    <message>
        <location filename="../header.py" line="276"/>
        <source>admin</source>
        <translation>administrador</translation>
    </message>
    <message>
        <location filename="../header.py" line="278"/>
        <source>system</source>
        <translation>sistema</translation>
    </message>
</context>
<context>
    <name>Setup</name>
    <message>
        <location filename="../wizard/texts.py" line="41"/>
        <source>Choose the shared folder.</source>
        <translation>Escolha a pasta compartilhada.</translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="42"/>
        <source>Type the full path of the folder, for example \\server\shopfloor or /mnt/shopfloor.</source>
        <translation>Digite o caminho completo da pasta, por exemplo \\servidor\shopfloor ou /mnt/shopfloor.</translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="43"/>
        <source>%1 is a Windows network path. On this computer the share must be mounted first (ask IT, for example under /mnt/shopfloor); then choose that folder.</source>
        <translation>%1 é um caminho de rede do Windows. Neste computador a pasta precisa ser montada antes (peça à TI, por exemplo em /mnt/shopfloor); depois escolha essa pasta.</translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="44"/>
        <source>Neither %1 nor %2, where it would be created, exists. Check that the drive or network share is connected, or create the folder first. Nothing was changed.</source>
        <translation>Nem %1 nem %2, onde ela seria criada, existem. Verifique se o disco ou a pasta de rede está conectado, ou crie a pasta antes. Nada foi alterado.</translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="45"/>
        <source>The folder %1 cannot be found. Check the path and that the share is connected. Nothing was changed.</source>
        <translation>A pasta %1 não foi encontrada. Verifique o caminho e se a pasta de rede está conectada. Nada foi alterado.</translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="46"/>
        <source>The folder %1 does not exist. Check the path, and that the network share is connected. To make a new folder there, tick &quot;Make this folder if it does not exist yet&quot;. Nothing was changed.</source>
        <translation>A pasta %1 não existe. Verifique o caminho e se a pasta de rede está conectada. Para criar uma pasta nova ali, marque &quot;Criar esta pasta se ela ainda não existir&quot;. Nada foi alterado.</translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="47"/>
        <source>%1 is a file, not a folder. Choose a folder.</source>
        <translation>%1 é um arquivo, não uma pasta. Escolha uma pasta.</translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="48"/>
        <source>There is no Shopfloor site in %1. Choose the folder that was chosen when the site was created (it holds shopfloor-site.json), or create a new site. Nothing was changed.</source>
        <translation>Não há um site Shopfloor em %1. Escolha a pasta que foi escolhida quando o site foi criado (ela contém shopfloor-site.json), ou crie um novo site. Nada foi alterado.</translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="49"/>
        <source>%1 already holds a Shopfloor site. To use it, go back and choose &quot;Join a site&quot;; for a new site, choose another folder. Nothing was changed.</source>
        <translation>%1 já contém um site Shopfloor. Para usá-lo, volte e escolha &quot;Entrar em um site&quot;; para um novo site, escolha outra pasta. Nada foi alterado.</translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="50"/>
        <source>This PC may not write in %1 (permission denied). Ask IT to give this PC&apos;s user write access to the share, or choose another folder. Nothing was changed.</source>
        <translation>Este PC não pode gravar em %1 (permissão negada). Peça à TI acesso de gravação na pasta para o usuário deste PC, ou escolha outra pasta. Nada foi alterado.</translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="51"/>
        <source>%1 is read-only. Choose a folder this PC can write to, or ask IT to make the share writable. Nothing was changed.</source>
        <translation>%1 é somente leitura. Escolha uma pasta em que este PC possa gravar, ou peça à TI para liberar a gravação. Nada foi alterado.</translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="52"/>
        <source>The disk that holds %1 is full. Free some space or choose another folder. Nothing was changed.</source>
        <translation>O disco de %1 está cheio. Libere espaço ou escolha outra pasta. Nada foi alterado.</translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="53"/>
        <source>The network share of %1 cannot be reached: the file server may be off, the network down, or the name misspelled. Check the connection and try again. Nothing was changed.</source>
        <translation>A pasta de rede de %1 não está acessível: o servidor de arquivos pode estar desligado, a rede fora do ar ou o nome digitado errado. Verifique a conexão e tente de novo. Nada foi alterado.</translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="54"/>
        <source>This PC can create files in %1 but not delete them, and the site needs both. Ask IT for full write (modify) access to the share. Nothing was changed.</source>
        <translation>Este PC consegue criar arquivos em %1, mas não apagá-los, e o site precisa das duas coisas. Peça à TI acesso completo de gravação (modificar) na pasta. Nada foi alterado.</translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="55"/>
        <source>%1 cannot be used: %2. Choose another folder or ask IT. Nothing was changed.</source>
        <translation>%1 não pode ser usada: %2. Escolha outra pasta ou peça ajuda à TI. Nada foi alterado.</translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="56"/>
        <source>This PC&apos;s data folder %1 is on a network drive, and the database must be on this PC&apos;s own disk (a network drive can corrupt it). Ask IT to keep the application data on the local disk. Nothing was changed.</source>
        <translation>A pasta de dados deste PC, %1, está em um disco de rede, e o banco de dados precisa ficar no disco do próprio PC (um disco de rede pode corrompê-lo). Peça à TI para manter os dados do aplicativo no disco local. Nada foi alterado.</translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="57"/>
        <source>A restore of this PC&apos;s database is under way, so the app cannot open it now. Nothing was opened or changed: start the app again when the restore has finished.</source>
        <translation>Uma restauração do banco de dados deste PC está em andamento, por isso o aplicativo não pode abri-lo agora. Nada foi aberto nem alterado: abra o aplicativo de novo quando a restauração terminar.</translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="58"/>
        <source>The site passphrase is wrong. Check it with the person who created the site (capital letters count) and type it again. Nothing was changed.</source>
        <translation>A frase-senha do site está errada. Confirme com quem criou o site (maiúsculas contam) e digite de novo. Nada foi alterado.</translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="59"/>
        <source>The site passphrase needs at least 12 characters.</source>
        <translation>A frase-senha do site precisa de ao menos 12 caracteres.</translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="60"/>
        <source>The site file in this folder is damaged or was not written by Shopfloor Collector. Ask the person who created the site. Nothing was changed.</source>
        <translation>O arquivo do site nesta pasta está danificado ou não foi gravado pelo Shopfloor Collector. Pergunte a quem criou o site. Nada foi alterado.</translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="61"/>
        <source>Station %1 is in use by a PC that is running now. Choose another station, or close the app on that PC first. Nothing was changed.</source>
        <translation>A estação %1 está em uso por um PC ligado agora. Escolha outra estação, ou feche antes o aplicativo naquele PC. Nada foi alterado.</translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="62"/>
        <source>Station %1 belongs to another PC of this site. If this PC replaces that one (it broke or was retired), tick &quot;This PC replaces that station&apos;s PC&quot; and say why; otherwise choose another station. Nothing was changed.</source>
        <translation>A estação %1 pertence a outro PC deste site. Se este PC substitui aquele (quebrou ou foi aposentado), marque &quot;Este PC substitui o PC dessa estação&quot; e diga por quê; senão escolha outra estação. Nada foi alterado.</translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="39"/>
        <source>A station id has 1 to 64 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter or digit.</source>
        <translation>Um id de estação tem de 1 a 64 letras, dígitos, &apos;.&apos;, &apos;_&apos; ou &apos;-&apos;, começando com letra ou dígito.</translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="65"/>
        <source>Station %1 is not in the machine table. Choose a machine from the list, or make this an office PC.</source>
        <translation>A estação %1 não está na tabela de máquinas. Escolha uma máquina da lista, ou faça deste um PC de escritório.</translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="66"/>
        <source>This PC already belongs to a site; nothing was changed. Start the app again to log in.</source>
        <translation>Este PC já pertence a um site; nada foi alterado. Abra o aplicativo de novo para entrar.</translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="67"/>
        <source>A new site needs its first admin account.</source>
        <translation>Um novo site precisa da sua primeira conta de administrador.</translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="68"/>
        <source>%1 holds another site, not this PC&apos;s. Moving this PC to another site needs that site&apos;s passphrase: set it up again. Nothing was changed.</source>
        <translation>%1 contém outro site, não o deste PC. Mudar este PC para outro site exige a frase-senha daquele site: configure-o de novo. Nada foi alterado.</translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="69"/>
        <source>This PC is not in a site, so it has no shared folder to change.</source>
        <translation>Este PC não está em um site, então não há pasta compartilhada para mudar.</translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="70"/>
        <source>%1 is not a time zone. Choose one from the list, for example America/Sao_Paulo.</source>
        <translation>%1 não é um fuso horário. Escolha um da lista, por exemplo America/Sao_Paulo.</translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="71"/>
        <source>Starting with the PC could not be switched: %1. Nothing was changed.</source>
        <translation>Não foi possível mudar o início com o PC: %1. Nada foi alterado.</translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="84"/>
        <source>A file could not be written: %1. Nothing more was done; check the folder and try again.</source>
        <translation>Não foi possível gravar um arquivo: %1. Nada mais foi feito; verifique a pasta e tente de novo.</translation>
    </message>
    <message>
        <location filename="../wizard/texts.py" line="85"/>
        <source>Something went wrong: %1. The details are in the log.</source>
        <translation>Algo deu errado: %1. Os detalhes estão no log.</translation>
    </message>
</context>
<context>
    <name>ShiftTable</name>
    <message>
        <location filename="../shift_table.py" line="43"/>
        <source>Nothing has been registered in this shift yet.</source>
        <translation>Nada foi registrado neste turno ainda.</translation>
    </message>
</context>
<context>
    <name>SignatureFields</name>
    <message>
        <location filename="../admin/signature_fields.py" line="30"/>
        <source>Your user name</source>
        <translation>Seu usuário</translation>
    </message>
    <message>
        <location filename="../admin/signature_fields.py" line="31"/>
        <source>Your password</source>
        <translation>Sua senha</translation>
    </message>
    <message>
        <location filename="../admin/signature_fields.py" line="71"/>
        <source>Type your user name too: it is asked at the first signature after each login. Nothing was signed.</source>
        <translation>Digite também seu nome de usuário: ele é pedido na primeira assinatura após cada login. Nada foi assinado.</translation>
    </message>
    <message>
        <location filename="../admin/signature_fields.py" line="83"/>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
</context>
<context>
    <name>SitePage</name>
    <message>
        <location filename="../wizard/site_pages.py" line="86"/>
        <source>Shared folder</source>
        <translation>Pasta compartilhada</translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="88"/>
        <source>Make this folder if it does not exist yet</source>
        <translation>Criar esta pasta se ela ainda não existir</translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="89"/>
        <source>Site passphrase</source>
        <translation>Frase-senha do site</translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="90"/>
        <source>Repeat it</source>
        <translation>Repita</translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="91"/>
        <source>Site time zone</source>
        <translation>Fuso horário do site</translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="92"/>
        <source>Shifts and every time on screen follow it, on every PC of the site. This PC&apos;s own zone is proposed; an admin can change it later in the admin panel&apos;s Catalog tab.</source>
        <translation>Os turnos e todos os horários na tela seguem este fuso, em todos os PCs do site. O fuso deste PC é o sugerido; um administrador pode mudá-lo depois na aba Catálogo do painel de administração.</translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="97"/>
        <source>At least %1 characters, for example a few unrelated words. Every PC that joins the site needs it, and it cannot be recovered: write it down and keep it in a safe place.</source>
        <translation>Ao menos %1 caracteres, por exemplo algumas palavras sem relação entre si. Todo PC que entrar no site precisa dela, e ela não pode ser recuperada: anote e guarde em lugar seguro.</translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="102"/>
        <source>The passphrase chosen when the site was created; ask the person who created it.</source>
        <translation>A frase-senha escolhida quando o site foi criado; pergunte a quem o criou.</translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="107"/>
        <source>The site&apos;s shared folder</source>
        <translation>A pasta compartilhada do site</translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="111"/>
        <source>Join a site</source>
        <translation>Entrar em um site</translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="108"/>
        <source>Choose a folder that every PC of the plant can open and write, usually on a file server. The site&apos;s files are created inside it; this PC&apos;s own records stay on this PC.</source>
        <translation>Escolha uma pasta que todos os PCs da fábrica consigam abrir e gravar, geralmente em um servidor de arquivos. Os arquivos do site são criados dentro dela; os registros deste PC ficam neste PC.</translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="112"/>
        <source>Choose the site&apos;s shared folder (the one chosen when the site was created) and type the site passphrase.</source>
        <translation>Escolha a pasta compartilhada do site (a escolhida quando o site foi criado) e digite a frase-senha do site.</translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="123"/>
        <source>Choose a time zone from the list, for example America/Sao_Paulo.</source>
        <translation>Escolha um fuso horário da lista, por exemplo America/Sao_Paulo.</translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="128"/>
        <source>Choose the shared folder.</source>
        <translation>Escolha a pasta compartilhada.</translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="133"/>
        <source>The site passphrase needs at least %1 characters.</source>
        <translation>A frase-senha do site precisa de ao menos %1 caracteres.</translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="139"/>
        <source>The two passphrases differ. Type them again.</source>
        <translation>As duas frases-senha são diferentes. Digite-as de novo.</translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="144"/>
        <source>Type the site passphrase.</source>
        <translation>Digite a frase-senha do site.</translation>
    </message>
    <message>
        <location filename="../wizard/site_pages.py" line="164"/>
        <source>Checking the folder…</source>
        <translation>Verificando a pasta…</translation>
    </message>
</context>
<context>
    <name>SiteRecordsModel</name>
    <message>
        <location filename="../admin/site_records_model.py" line="96"/>
        <source>Click to sort by date and time; again to reverse.</source>
        <translation>Clique para ordenar por data e hora; de novo para inverter.</translation>
    </message>
    <message>
        <location filename="../admin/site_records_model.py" line="98"/>
        <source>Click to sort by this column (the same value: newest first); again to reverse. Only when the filters match at most %1 records: sorting more would take seconds a page, so they stay newest first.</source>
        <translation>Clique para ordenar por esta coluna (mesmo valor: mais recentes primeiro); de novo para inverter. Só quando os filtros correspondem a no máximo %1 registros: ordenar mais levaria segundos por página, então eles ficam com os mais recentes primeiro.</translation>
    </message>
    <message>
        <location filename="../admin/site_records_model.py" line="102"/>
        <source>Not sortable: a box has up to three rejections. To find a defect, choose it in the filters.</source>
        <translation>Não ordenável: uma caixa tem até três rejeições. Para achar um defeito, escolha-o nos filtros.</translation>
    </message>
</context>
<context>
    <name>SiteUpgradeDialog</name>
    <message>
        <location filename="../admin/site_upgrade.py" line="103"/>
        <source>Move the site to keys by role</source>
        <translation>Passar o site para chaves por função</translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="104"/>
        <source>Join the site again</source>
        <translation>Entrar de novo no site</translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="106"/>
        <source>Site passphrase</source>
        <translation>Frase-senha do site</translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="107"/>
        <source>Your password</source>
        <translation>Sua senha</translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="110"/>
        <source>Site passphrase:</source>
        <translation>Frase-senha do site:</translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="112"/>
        <source>Your password:</source>
        <translation>Sua senha:</translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="114"/>
        <source>Move the site</source>
        <translation>Passar o site</translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="114"/>
        <source>Join</source>
        <translation>Entrar</translation>
    </message>
</context>
<context>
    <name>SiteUpgradeNotice</name>
    <message>
        <location filename="../admin/site_upgrade.py" line="39"/>
        <source>This PC&apos;s site was made before keys by role: no PC of it syncs until an admin moves the site to the new keys (once, on any PC: the site passphrase and the admin&apos;s password). Production goes on locally meanwhile.</source>
        <translation>O site deste PC foi criado antes das chaves por função: nenhum PC dele sincroniza até um administrador passar o site para as novas chaves (uma vez, em qualquer PC: a frase-senha do site e a senha do administrador). Enquanto isso a produção continua localmente.</translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="42"/>
        <source>This PC&apos;s site uses keys by role now, but this PC has not joined it again: it does not sync until it does (the site passphrase; its station id and its records stay).</source>
        <translation>O site deste PC usa chaves por função agora, mas este PC ainda não entrou de novo: ele não sincroniza até entrar (a frase-senha do site; o id da estação e os registros ficam).</translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="46"/>
        <source>Move the site to keys by role…</source>
        <translation>Passar o site para chaves por função…</translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="47"/>
        <source>Join the site again…</source>
        <translation>Entrar de novo no site…</translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="77"/>
        <source>Done. The app starts again now to use the new keys. Every other PC of the site then joins it again with the passphrase (the admin panel offers it there).</source>
        <translation>Feito. O aplicativo reinicia agora para usar as novas chaves. Cada um dos outros PCs do site entra de novo com a frase-senha (o painel de administração oferece isso lá).</translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="79"/>
        <source>Done. The app starts again now to use its new key.</source>
        <translation>Feito. O aplicativo reinicia agora para usar sua nova chave.</translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="85"/>
        <source>The site passphrase is wrong: nothing was changed.</source>
        <translation>A frase-senha do site está errada: nada foi alterado.</translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="86"/>
        <source>Another PC moved the site to keys by role meanwhile: join it again instead.</source>
        <translation>Outro PC passou o site para chaves por função nesse meio-tempo: entre de novo em vez disso.</translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="90"/>
        <source>Your password is wrong, or you are not an active admin of this PC: nothing was changed.</source>
        <translation>Sua senha está errada, ou você não é um administrador ativo deste PC: nada foi alterado.</translation>
    </message>
    <message>
        <location filename="../admin/site_upgrade.py" line="93"/>
        <source>Nothing was changed: %1</source>
        <translation>Nada foi alterado: %1</translation>
    </message>
</context>
<context>
    <name>Spc</name>
    <message>
        <location filename="../admin/spc_texts.py" line="21"/>
        <source>Rule 1: beyond 3σ</source>
        <translation>Regra 1: além de 3σ</translation>
    </message>
    <message>
        <location filename="../admin/spc_texts.py" line="22"/>
        <source>Rule 2: 2 of 3 beyond 2σ, same side</source>
        <translation>Regra 2: 2 de 3 além de 2σ, mesmo lado</translation>
    </message>
    <message>
        <location filename="../admin/spc_texts.py" line="23"/>
        <source>Rule 3: 4 of 5 beyond 1σ, same side</source>
        <translation>Regra 3: 4 de 5 além de 1σ, mesmo lado</translation>
    </message>
    <message>
        <location filename="../admin/spc_texts.py" line="24"/>
        <source>Rule 4: 8 in a row on one side</source>
        <translation>Regra 4: 8 seguidos do mesmo lado</translation>
    </message>
    <message>
        <location filename="../admin/spc_texts.py" line="38"/>
        <source>No baseline frozen for this chart: the points are shown without control limits and no rule is judged. An admin chooses a stable period and freezes its limits (Freeze baseline…).</source>
        <translation>Nenhuma linha de base congelada para este gráfico: os pontos aparecem sem limites de controle e nenhuma regra é avaliada. Um administrador escolhe um período estável e congela seus limites (Congelar linha de base…).</translation>
    </message>
    <message>
        <location filename="../admin/spc_texts.py" line="42"/>
        <source>Limits frozen by %1 at %2 from %3 points (%4 to %5): centre %6, UCL %7, LCL %8, σ %9, moving-range UCL %10. Reason: %11</source>
        <translation>Limites congelados por %1 em %2 a partir de %3 pontos (%4 a %5): centro %6, LSC %7, LIC %8, σ %9, LSC da amplitude móvel %10. Motivo: %11</translation>
    </message>
    <message>
        <location filename="../admin/spc_texts.py" line="54"/>
        <source>Cp/Cpk: freeze a baseline first (they use its mean and σ).</source>
        <translation>Cp/Cpk: congele uma linha de base antes (eles usam a média e o σ dela).</translation>
    </message>
    <message>
        <location filename="../admin/spc_texts.py" line="56"/>
        <source>Cp/Cpk: no specification limits for this size and measurement in the site catalog (Settings).</source>
        <translation>Cp/Cpk: não há limites de especificação para este tamanho e medida no catálogo do site (Configurações).</translation>
    </message>
    <message>
        <location filename="../admin/spc_texts.py" line="58"/>
        <source>Cp %1 · Cpk %2 (n = %3 baseline points)</source>
        <translation>Cp %1 · Cpk %2 (n = %3 pontos da linha de base)</translation>
    </message>
    <message>
        <location filename="../admin/spc_texts.py" line="61"/>
        <source>too few points (fewer than %1): do not accept or reject the process on these figures</source>
        <translation>poucos pontos (menos de %1): não aprove nem reprove o processo por estes números</translation>
    </message>
    <message>
        <location filename="../admin/spc_texts.py" line="68"/>
        <source>This period holds %1 points of the chart; at least %2 are needed for limits. Nothing was frozen: choose a longer period.</source>
        <translation>Este período tem %1 pontos do gráfico; são necessários pelo menos %2 para os limites. Nada foi congelado: escolha um período mais longo.</translation>
    </message>
    <message>
        <location filename="../admin/spc_texts.py" line="71"/>
        <source>The values of this period never change, so they give no spread to set limits from. Nothing was frozen: choose another period.</source>
        <translation>Os valores deste período nunca mudam, então não dão variação para calcular limites. Nada foi congelado: escolha outro período.</translation>
    </message>
    <message>
        <location filename="../admin/spc_texts.py" line="77"/>
        <source>%1 out of control (SPC tab)</source>
        <translation>%1 fora de controle (aba CEP)</translation>
    </message>
</context>
<context>
    <name>SpcCatalogBox</name>
    <message>
        <location filename="../admin/catalog_spc.py" line="41"/>
        <source>SPC specification limits (for Cp/Cpk)</source>
        <translation>Limites de especificação do CEP (para Cp/Cpk)</translation>
    </message>
    <message>
        <location filename="../admin/catalog_spc.py" line="43"/>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <location filename="../admin/catalog_spc.py" line="43"/>
        <source>Measurement</source>
        <translation>Medida</translation>
    </message>
    <message>
        <location filename="../admin/catalog_spc.py" line="44"/>
        <source>Lower</source>
        <translation>Inferior</translation>
    </message>
    <message>
        <location filename="../admin/catalog_spc.py" line="44"/>
        <source>Upper</source>
        <translation>Superior</translation>
    </message>
    <message>
        <location filename="../admin/catalog_spc.py" line="45"/>
        <source>Add limit</source>
        <translation>Adicionar limite</translation>
    </message>
    <message>
        <location filename="../admin/catalog_spc.py" line="56"/>
        <source>Fewest points of a baseline</source>
        <translation>Mínimo de pontos de uma linha de base</translation>
    </message>
    <message>
        <location filename="../admin/catalog_spc.py" line="57"/>
        <source>Cp/Cpk warned below (points)</source>
        <translation>Cp/Cpk com aviso abaixo de (pontos)</translation>
    </message>
</context>
<context>
    <name>SpcStatusModel</name>
    <message>
        <location filename="../admin/spc_model.py" line="26"/>
        <source>Station</source>
        <translation>Estação</translation>
    </message>
    <message>
        <location filename="../admin/spc_model.py" line="26"/>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <location filename="../admin/spc_model.py" line="26"/>
        <source>Measurement</source>
        <translation>Medida</translation>
    </message>
    <message>
        <location filename="../admin/spc_model.py" line="27"/>
        <source>Last 8 points</source>
        <translation>Últimos 8 pontos</translation>
    </message>
    <message>
        <location filename="../admin/spc_model.py" line="27"/>
        <source>Last signal</source>
        <translation>Último sinal</translation>
    </message>
    <message>
        <location filename="../admin/spc_model.py" line="29"/>
        <source>Whether one of the chart&apos;s last 8 points broke a rule (the fleet alarm). Older signals stay on the chart and in its list.</source>
        <translation>Se um dos últimos 8 pontos do gráfico violou uma regra (o alarme das estações). Sinais mais antigos continuam no gráfico e na sua lista.</translation>
    </message>
    <message>
        <location filename="../admin/spc_model.py" line="31"/>
        <source>The newest point that broke a rule under the limits in force, however old.</source>
        <translation>O ponto mais recente que violou uma regra sob os limites em vigor, por mais antigo que seja.</translation>
    </message>
    <message>
        <location filename="../admin/spc_model.py" line="55"/>
        <source>in control</source>
        <translation>sob controle</translation>
    </message>
    <message>
        <location filename="../admin/spc_model.py" line="57"/>
        <source>Since %1: %2</source>
        <translation>Desde %1: %2</translation>
    </message>
    <message>
        <location filename="../admin/spc_model.py" line="59"/>
        <source>out of control: rule %1</source>
        <translation>fora de controle: regra %1</translation>
    </message>
</context>
<context>
    <name>SpcTab</name>
    <message>
        <location filename="../admin/spc_tab.py" line="97"/>
        <source>Station and size</source>
        <translation>Estação e tamanho</translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="100"/>
        <location filename="../admin/spc_tab.py" line="117"/>
        <source>Measurement</source>
        <translation>Medida</translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="105"/>
        <source>Points shown</source>
        <translation>Pontos mostrados</translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="107"/>
        <source>last %1 points</source>
        <translation>últimos %1 pontos</translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="109"/>
        <source>Freeze baseline…</source>
        <translation>Congelar linha de base…</translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="111"/>
        <source>Admins: compute and freeze this chart&apos;s control limits from a stable period (audited)</source>
        <translation>Administradores: calcular e congelar os limites de controle deste gráfico a partir de um período estável (auditado)</translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="116"/>
        <source>Chart</source>
        <translation>Gráfico</translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="140"/>
        <source>Charts with frozen limits</source>
        <translation>Gráficos com limites congelados</translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="147"/>
        <source>Individuals</source>
        <translation>Valores individuais</translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="148"/>
        <source>point (oldest to newest)</source>
        <translation>ponto (do mais antigo ao mais recente)</translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="150"/>
        <source>Moving range</source>
        <translation>Amplitude móvel</translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="155"/>
        <source>CL</source>
        <translation>LC</translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="155"/>
        <source>UCL</source>
        <translation>LSC</translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="155"/>
        <source>LCL</source>
        <translation>LIC</translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="175"/>
        <source>Signals</source>
        <translation>Sinais</translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="186"/>
        <source>Signals (newest first)</source>
        <translation>Sinais (mais recentes primeiro)</translation>
    </message>
    <message>
        <location filename="../admin/spc_tab.py" line="262"/>
        <source>%1 · value %2 · %3</source>
        <translation>%1 · valor %2 · %3</translation>
    </message>
</context>
<context>
    <name>StationChoice</name>
    <message>
        <location filename="../wizard/widgets.py" line="181"/>
        <source>%1 · capsule size %2, %3 each</source>
        <translation>%1 · cápsula tamanho %2, %3 cada</translation>
    </message>
    <message>
        <location filename="../wizard/widgets.py" line="228"/>
        <source>Production station, machine</source>
        <translation>Estação de produção, máquina</translation>
    </message>
    <message>
        <location filename="../wizard/widgets.py" line="229"/>
        <source>Office PC (no production entry), id</source>
        <translation>PC de escritório (sem lançamento de produção), id</translation>
    </message>
    <message>
        <location filename="../wizard/widgets.py" line="230"/>
        <source>for example office1</source>
        <translation>por exemplo escritorio1</translation>
    </message>
    <message>
        <location filename="../wizard/widgets.py" line="275"/>
        <source>The machine table is empty: make this an office PC.</source>
        <translation>A tabela de máquinas está vazia: faça deste um PC de escritório.</translation>
    </message>
    <message>
        <location filename="../wizard/widgets.py" line="280"/>
        <source>Type an id of 1 to 64 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter or digit, for example office1.</source>
        <translation>Digite um id de 1 a 64 letras, dígitos, &apos;.&apos;, &apos;_&apos; ou &apos;-&apos;, começando com letra ou dígito, por exemplo escritorio1.</translation>
    </message>
</context>
<context>
    <name>StationHeader</name>
    <message>
        <location filename="../header.py" line="64"/>
        <source>Office PC %1</source>
        <translation>PC de escritório %1</translation>
    </message>
    <message>
        <location filename="../header.py" line="65"/>
        <source>Station %1</source>
        <translation>Estação %1</translation>
    </message>
    <message>
        <location filename="../header.py" line="125"/>
        <source>DEMO · synthetic data</source>
        <translation>DEMO · dados sintéticos</translation>
    </message>
    <message>
        <location filename="../header.py" line="127"/>
        <source>A demo plant made by &quot;shopfloor demo&quot;: its stations are simulated, and nothing in it (records, stops, figures) is a real plant&apos;s.</source>
        <translation>Uma fábrica de demonstração criada por &quot;shopfloor demo&quot;: as estações são simuladas, e nada nela (registros, paradas, números) é de uma fábrica real.</translation>
    </message>
    <message>
        <location filename="../header.py" line="163"/>
        <source>Share status unknown</source>
        <translation>Estado da pasta compartilhada desconhecido</translation>
    </message>
    <message>
        <location filename="../header.py" line="170"/>
        <source>Size %1</source>
        <translation>Tamanho %1</translation>
    </message>
    <message>
        <location filename="../header.py" line="170"/>
        <source>Size: —</source>
        <translation>Tamanho: —</translation>
    </message>
    <message>
        <location filename="../header.py" line="175"/>
        <source>No lot set</source>
        <translation>Nenhum lote definido</translation>
    </message>
    <message numerus="yes">
        <location filename="../header.py" line="177"/>
        <source>Lot %1 complete (%n box(es))</source>
        <translation>
            <numerusform>Lote %1 completo (%n caixa)</numerusform>
            <numerusform>Lote %1 completo (%n caixas)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../header.py" line="180"/>
        <source>Lot %1 · box %2/%3</source>
        <translation>Lote %1 · caixa %2/%3</translation>
    </message>
    <message>
        <location filename="../header.py" line="216"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../header.py" line="218"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../header.py" line="219"/>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <location filename="../header.py" line="253"/>
        <source>Not syncing</source>
        <translation>Sem sincronizar</translation>
    </message>
    <message>
        <location filename="../header.py" line="255"/>
        <source>records held on this PC (the station&apos;s journal on the share goes on past this PC&apos;s chain)</source>
        <translation>registros retidos neste PC (o diário da estação na pasta compartilhada continua além da cadeia deste PC)</translation>
    </message>
    <message>
        <location filename="../header.py" line="258"/>
        <source>This PC&apos;s database cannot be read</source>
        <translation>O banco de dados deste PC não pode ser lido</translation>
    </message>
    <message>
        <location filename="../header.py" line="259"/>
        <source>changes waiting unknown</source>
        <translation>alterações pendentes desconhecidas</translation>
    </message>
    <message>
        <location filename="../header.py" line="224"/>
        <source>Not in a site</source>
        <translation>Fora de um site</translation>
    </message>
    <message>
        <location filename="../header.py" line="238"/>
        <source>Share: connecting…</source>
        <translation>Pasta compartilhada: conectando…</translation>
    </message>
    <message>
        <location filename="../header.py" line="240"/>
        <source>Share online · last sync %1</source>
        <translation>Pasta compartilhada on-line · última sincronização %1</translation>
    </message>
    <message>
        <location filename="../header.py" line="243"/>
        <source>Share online · synced %1</source>
        <translation>Pasta compartilhada on-line · sincronizada às %1</translation>
    </message>
    <message>
        <location filename="../header.py" line="246"/>
        <source>%1 behind</source>
        <translation>%1 de atraso</translation>
    </message>
    <message numerus="yes">
        <location filename="../header.py" line="250"/>
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n alteração aguardando</numerusform>
            <numerusform>%n alterações aguardando</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../header.py" line="253"/>
        <source>saving on this PC</source>
        <translation>salvando neste PC</translation>
    </message>
    <message>
        <location filename="../header.py" line="235"/>
        <source>Share offline since %1 · saving on this PC</source>
        <translation>Pasta compartilhada fora do ar desde %1 · salvando neste PC</translation>
    </message>
</context>
<context>
    <name>StationPage</name>
    <message>
        <location filename="../wizard/station_page.py" line="65"/>
        <source>This PC replaces that station&apos;s PC</source>
        <translation>Este PC substitui o PC dessa estação</translation>
    </message>
    <message>
        <location filename="../wizard/station_page.py" line="66"/>
        <source>Why, e.g. the old PC&apos;s disk failed (at least 10 characters)</source>
        <translation>Por quê, ex.: o disco do PC antigo falhou (pelo menos 10 caracteres)</translation>
    </message>
    <message>
        <location filename="../wizard/station_page.py" line="68"/>
        <source>Reason for the replacement</source>
        <translation>Motivo da substituição</translation>
    </message>
    <message>
        <location filename="../wizard/station_page.py" line="70"/>
        <source>Start automatically when this PC starts</source>
        <translation>Iniciar automaticamente quando este PC ligar</translation>
    </message>
    <message>
        <location filename="../wizard/station_page.py" line="71"/>
        <source>For production stations: after a restart or a power cut the login window opens by itself.</source>
        <translation>Para estações de produção: depois de reiniciar ou de uma queda de energia a janela de login abre sozinha.</translation>
    </message>
    <message>
        <location filename="../wizard/station_page.py" line="73"/>
        <source>A production station records the boxes of its machine. An office PC records nothing; supervisors and admins get the admin panel there right after login.</source>
        <translation>Uma estação de produção registra as caixas da sua máquina. Um PC de escritório não registra nada; supervisores e administradores abrem ali o painel de administração logo após entrar.</translation>
    </message>
    <message>
        <location filename="../wizard/station_page.py" line="78"/>
        <source>What is this PC?</source>
        <translation>O que é este PC?</translation>
    </message>
</context>
<context>
    <name>StationWindow</name>
    <message>
        <location filename="../station_window.py" line="53"/>
        <source>Shopfloor Collector · station %1</source>
        <translation>Shopfloor Collector · estação %1</translation>
    </message>
    <message>
        <location filename="../station_window.py" line="74"/>
        <source>Lot… (F2)</source>
        <translation>Lote… (F2)</translation>
    </message>
    <message>
        <location filename="../station_window.py" line="81"/>
        <source>Scan a new lot</source>
        <translation>Ler novo lote</translation>
    </message>
    <message>
        <location filename="../station_window.py" line="83"/>
        <source>Log out</source>
        <translation>Sair</translation>
    </message>
    <message>
        <location filename="../station_window.py" line="88"/>
        <source>Records of this shift</source>
        <translation>Registros deste turno</translation>
    </message>
    <message>
        <location filename="../station_window.py" line="93"/>
        <source>Correct record…</source>
        <translation>Corrigir registro…</translation>
    </message>
    <message>
        <location filename="../station_window.py" line="111"/>
        <source>This shift at this station</source>
        <translation>Este turno nesta estação</translation>
    </message>
    <message>
        <location filename="../station_window.py" line="236"/>
        <source>No lot is set. An operator or a supervisor sets it at this station.</source>
        <translation>Nenhum lote definido. Um operador ou um supervisor o define nesta estação.</translation>
    </message>
    <message>
        <location filename="../station_window.py" line="239"/>
        <source>Lot %1 is complete. Set the next lot to go on: Lot… (F2), or scan its code.</source>
        <translation>O lote %1 está completo. Defina o próximo lote para continuar: Lote… (F2), ou leia o código dele.</translation>
    </message>
    <message>
        <location filename="../station_window.py" line="241"/>
        <source>Lot %1 is complete. An operator or a supervisor sets the next lot at this station.</source>
        <translation>O lote %1 está completo. Um operador ou um supervisor define o próximo lote nesta estação.</translation>
    </message>
    <message>
        <location filename="../station_window.py" line="312"/>
        <source>%1 · %2 · mean CAM-D %3 · mean CAM-W %4</source>
        <translation>%1 · %2 · CAM-D médio %3 · CAM-W médio %4</translation>
    </message>
    <message numerus="yes">
        <location filename="../station_window.py" line="313"/>
        <source>%n box(es)</source>
        <translation>
            <numerusform>%n caixa</numerusform>
            <numerusform>%n caixas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../station_window.py" line="314"/>
        <source>%n rejection(s)</source>
        <translation>
            <numerusform>%n rejeição</numerusform>
            <numerusform>%n rejeições</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../shift_export.py" line="61"/>
        <source>Exported %n record(s) to %1</source>
        <translation>
            <numerusform>%n registro exportado para %1</numerusform>
            <numerusform>%n registros exportados para %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../station_window.py" line="134"/>
        <source>Export this shift to CSV…</source>
        <translation>Exportar este turno para CSV…</translation>
    </message>
    <message>
        <location filename="../station_window.py" line="96"/>
        <source>Label… (F6)</source>
        <translation>Etiqueta… (F6)</translation>
    </message>
    <message>
        <location filename="../station_window.py" line="135"/>
        <source>Export this shift to Excel…</source>
        <translation>Exportar este turno para Excel…</translation>
    </message>
    <message>
        <location filename="../station_window.py" line="140"/>
        <source>Admin panel…</source>
        <translation>Painel de administração…</translation>
    </message>
    <message>
        <location filename="../station_window.py" line="235"/>
        <source>Set the lot before registering (Lot… or F2).</source>
        <translation>Defina o lote antes de registrar (Lote… ou F2).</translation>
    </message>
    <message>
        <location filename="../station_window.py" line="256"/>
        <source>Your role may not register production.</source>
        <translation>Seu perfil não pode registrar produção.</translation>
    </message>
    <message>
        <location filename="../station_window.py" line="259"/>
        <source>Saved: lot %1, box %2.</source>
        <translation>Salvo: lote %1, caixa %2.</translation>
    </message>
    <message>
        <location filename="../shift_export.py" line="39"/>
        <source>Export this shift</source>
        <translation>Exportar este turno</translation>
    </message>
    <message>
        <location filename="../shift_export.py" line="67"/>
        <source>Export refused</source>
        <translation>Exportação recusada</translation>
    </message>
    <message>
        <location filename="../shift_export.py" line="67"/>
        <source>Nothing was exported: a record on this PC is not what its audit trail says (%1). Keep this PC as it is, verify the audit trail (Tools menu) and call your administrator.</source>
        <translation>Nada foi exportado: um registro neste PC não é o que diz a sua trilha de auditoria (%1). Deixe este PC como está, verifique a trilha de auditoria (menu Ferramentas) e chame o administrador.</translation>
    </message>
    <message>
        <location filename="../shift_export.py" line="76"/>
        <source>Export failed</source>
        <translation>A exportação falhou</translation>
    </message>
    <message>
        <location filename="../shift_export.py" line="76"/>
        <source>The file was not written: %1. Your records are safe in this PC&apos;s database; try another folder.</source>
        <translation>O arquivo não foi gravado: %1. Seus registros estão seguros no banco deste PC; tente outra pasta.</translation>
    </message>
    <message>
        <location filename="../station_window.py" line="356"/>
        <source>Admin panel</source>
        <translation>Painel de administração</translation>
    </message>
    <message>
        <location filename="../station_window.py" line="357"/>
        <source>Your password, to open the admin panel:</source>
        <translation>Sua senha, para abrir o painel de administração:</translation>
    </message>
    <message>
        <location filename="../station_window.py" line="358"/>
        <location filename="../station_window.py" line="363"/>
        <source>Wrong password: the admin panel was not opened.</source>
        <translation>Senha errada: o painel de administração não foi aberto.</translation>
    </message>
</context>
<context>
    <name>StopButton</name>
    <message>
        <location filename="../stop_button.py" line="31"/>
        <source>Machine state and stops</source>
        <translation>Estado da máquina e paradas</translation>
    </message>
    <message>
        <location filename="../stop_button.py" line="59"/>
        <source>Stops… (down %1 · %2)</source>
        <translation>Paradas… (parada %1 · %2)</translation>
    </message>
    <message>
        <location filename="../stop_button.py" line="63"/>
        <source>Stops… (%1)</source>
        <translation>Paradas… (%1)</translation>
    </message>
</context>
<context>
    <name>StopsDialog</name>
    <message>
        <location filename="../stops_dialog.py" line="33"/>
        <source>Stops of this machine</source>
        <translation>Paradas desta máquina</translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="39"/>
        <source>Started</source>
        <translation>Início</translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="39"/>
        <source>Ended</source>
        <translation>Fim</translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="39"/>
        <source>Length</source>
        <translation>Duração</translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="39"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="40"/>
        <source>Classified by</source>
        <translation>Classificada por</translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="43"/>
        <source>Recent stops of this machine</source>
        <translation>Paradas recentes desta máquina</translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="62"/>
        <source>Note (optional)</source>
        <translation>Observação (opcional)</translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="65"/>
        <source>Give the selected stop this reason</source>
        <translation>Dar este motivo à parada selecionada</translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="67"/>
        <source>Machine down now, for this reason</source>
        <translation>Máquina parada agora, por este motivo</translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="69"/>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="80"/>
        <source>Reason:</source>
        <translation>Motivo:</translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="98"/>
        <source>Down for %1 · %2</source>
        <translation>Parada há %1 · %2</translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="120"/>
        <source>Choose a reason first.</source>
        <translation>Escolha um motivo primeiro.</translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="130"/>
        <source>Choose the stop in the list first.</source>
        <translation>Escolha a parada na lista primeiro.</translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="135"/>
        <source>The stop now has the reason %1.</source>
        <translation>A parada agora tem o motivo %1.</translation>
    </message>
    <message>
        <location filename="../stops_dialog.py" line="141"/>
        <source>Stop recorded from now, reason %1. The next box ends it.</source>
        <translation>Parada registrada a partir de agora, motivo %1. A próxima caixa a encerra.</translation>
    </message>
</context>
<context>
    <name>SyncNotice</name>
    <message>
        <location filename="../sync_notice.py" line="24"/>
        <source>Confirm the takeover…</source>
        <translation>Confirmar a substituição…</translation>
    </message>
</context>
<context>
    <name>TakeoverDialog</name>
    <message>
        <location filename="../takeover_dialog.py" line="28"/>
        <source>Confirm the takeover of station %1</source>
        <translation>Confirmar a substituição da estação %1</translation>
    </message>
    <message>
        <location filename="../takeover_dialog.py" line="31"/>
        <source>The last run of station %1 on the shared folder was not this PC&apos;s: another copy of this PC (a restored backup, a copied disk) ran as the station. Until someone confirms, this PC records production only locally and runs no command.

Confirm only if that other copy is switched off for good. Your name, the time and the reason are kept in the audit trail.</source>
        <translation>A última execução da estação %1 na pasta compartilhada não foi deste PC: outra cópia deste PC (um backup restaurado, um disco copiado) atuou como a estação. Até alguém confirmar, este PC registra a produção só localmente e não executa comandos.

Confirme apenas se essa outra cópia estiver desligada para sempre. Seu nome, a hora e o motivo ficam na trilha de auditoria.</translation>
    </message>
    <message>
        <location filename="../takeover_dialog.py" line="39"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../takeover_dialog.py" line="40"/>
        <source>e.g. backup restored after the disk failed</source>
        <translation>ex.: backup restaurado após falha do disco</translation>
    </message>
    <message>
        <location filename="../takeover_dialog.py" line="41"/>
        <source>Your password</source>
        <translation>Sua senha</translation>
    </message>
    <message>
        <location filename="../takeover_dialog.py" line="44"/>
        <source>Reason:</source>
        <translation>Motivo:</translation>
    </message>
    <message>
        <location filename="../takeover_dialog.py" line="45"/>
        <source>Your password:</source>
        <translation>Sua senha:</translation>
    </message>
    <message>
        <location filename="../takeover_dialog.py" line="47"/>
        <source>Confirm the takeover</source>
        <translation>Confirmar a substituição</translation>
    </message>
    <message>
        <location filename="../takeover_dialog.py" line="66"/>
        <source>Wrong password: nothing was confirmed.</source>
        <translation>Senha incorreta: nada foi confirmado.</translation>
    </message>
    <message>
        <location filename="../takeover_dialog.py" line="67"/>
        <source>Give a reason of at least %1 characters: nothing was confirmed.</source>
        <translation>Informe um motivo com pelo menos %1 caracteres: nada foi confirmado.</translation>
    </message>
    <message>
        <location filename="../takeover_dialog.py" line="69"/>
        <source>Only a supervisor or an admin confirms a takeover: nothing was confirmed.</source>
        <translation>Só um supervisor ou um administrador confirma uma substituição: nada foi confirmado.</translation>
    </message>
    <message>
        <location filename="../takeover_dialog.py" line="71"/>
        <source>This PC is not syncing with a site: there is nothing to confirm.</source>
        <translation>Este PC não está sincronizando com um site: não há nada a confirmar.</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <location filename="../admin/users_tab.py" line="67"/>
        <source>Why</source>
        <translation>Por quê</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="68"/>
        <source>At least 10 characters; kept in the audit trail.</source>
        <translation>Ao menos 10 caracteres; fica na trilha de auditoria.</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="77"/>
        <source>Repeat it</source>
        <translation>Repita</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="78"/>
        <source>Repeat the password</source>
        <translation>Repita a senha</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="79"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="97"/>
        <source>The two passwords differ: type them again. Nothing was changed.</source>
        <translation>As duas senhas são diferentes: digite-as de novo. Nada foi alterado.</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="114"/>
        <source>Your role may not manage users.</source>
        <translation>Seu perfil não pode administrar usuários.</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <location filename="../admin/users_texts.py" line="15"/>
        <source>Not changed: this is the last active admin. Make another account admin first, then try again.</source>
        <translation>Não alterado: este é o último administrador ativo. Torne outra conta administradora primeiro e tente de novo.</translation>
    </message>
    <message>
        <location filename="../admin/users_texts.py" line="18"/>
        <source>Not created: this username is or was in use, and usernames are never reused. Choose another username.</source>
        <translation>Não criado: este nome de usuário está ou esteve em uso, e nomes de usuário nunca são reutilizados. Escolha outro nome de usuário.</translation>
    </message>
    <message>
        <location filename="../admin/users_texts.py" line="21"/>
        <source>Not changed: that badge belongs to another account. Use another badge or take it off that account first.</source>
        <translation>Não alterado: esse crachá pertence a outra conta. Use outro crachá ou retire-o daquela conta primeiro.</translation>
    </message>
    <message>
        <location filename="../admin/users_texts.py" line="24"/>
        <source>Not changed: there is no such account on this PC. Close this window, choose the account in the list again and retry.</source>
        <translation>Não alterado: essa conta não existe neste PC. Feche esta janela, escolha a conta na lista de novo e tente outra vez.</translation>
    </message>
    <message>
        <location filename="../admin/users_texts.py" line="27"/>
        <source>Not changed: this account is already inactive. Nothing to do.</source>
        <translation>Nada foi alterado: esta conta já está inativa. Não há o que fazer.</translation>
    </message>
    <message>
        <location filename="../admin/users_texts.py" line="29"/>
        <source>Not changed: this account is not locked; it can log in. Nothing to do.</source>
        <translation>Nada foi alterado: esta conta não está bloqueada; ela pode entrar. Não há o que fazer.</translation>
    </message>
    <message>
        <location filename="../admin/users_texts.py" line="33"/>
        <source>The account service refused this change (code %1); nothing was changed. Check the values and try again; if it is refused again, give the code to support.</source>
        <translation>O serviço de contas recusou esta alteração (código %1); nada foi alterado. Confira os valores e tente de novo; se for recusada outra vez, informe o código ao suporte.</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="139"/>
        <source>Search users…</source>
        <translation>Buscar usuários…</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="141"/>
        <source>User accounts</source>
        <translation>Contas de usuário</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="145"/>
        <source>New user…</source>
        <translation>Novo usuário…</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="146"/>
        <source>Change role…</source>
        <translation>Alterar perfil…</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="147"/>
        <source>Change name…</source>
        <translation>Alterar nome…</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="148"/>
        <source>Reset password…</source>
        <translation>Redefinir senha…</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="149"/>
        <source>Unlock…</source>
        <translation>Desbloquear…</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="150"/>
        <source>Deactivate…</source>
        <translation>Desativar…</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="151"/>
        <source>Reactivate…</source>
        <translation>Reativar…</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="157"/>
        <source>Import from the old system…</source>
        <translation>Importar do sistema antigo…</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="160"/>
        <source>Create the accounts of the old system&apos;s usuarios.csv, each with a one-time password; its old passwords are never used</source>
        <translation>Cria as contas do usuarios.csv do sistema antigo, cada uma com uma senha de uso único; as senhas antigas nunca são usadas</translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/users_tab.py" line="181"/>
        <source>%n supervisor or admin account(s) cannot sign yet (no signing key since the site&apos;s move to keys by role): %1. Reset their password (Reset password…) to give each a key; they choose a new password at their next login.</source>
        <translation>
            <numerusform>%n conta de supervisor ou administrador ainda não pode assinar (sem chave de assinatura desde a passagem do site para chaves por função): %1. Redefina a senha (Redefinir senha…) para dar uma chave a cada uma; a pessoa escolhe uma nova senha no próximo login.</numerusform>
            <numerusform>%n contas de supervisor ou administrador ainda não podem assinar (sem chave de assinatura desde a passagem do site para chaves por função): %1. Redefina as senhas (Redefinir senha…) para dar uma chave a cada uma; cada pessoa escolhe uma nova senha no próximo login.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="212"/>
        <source>Username</source>
        <translation>Usuário</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="212"/>
        <location filename="../admin/users_tab.py" line="226"/>
        <source>Full name</source>
        <translation>Nome completo</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="213"/>
        <location filename="../admin/users_tab.py" line="221"/>
        <source>Role</source>
        <translation>Perfil</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="213"/>
        <source>Initial password</source>
        <translation>Senha inicial</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="219"/>
        <source>New user (must change the password at first login)</source>
        <translation>Novo usuário (troca a senha no primeiro acesso)</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="224"/>
        <source>Change the role of %1</source>
        <translation>Alterar o perfil de %1</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="229"/>
        <source>Change the name of %1</source>
        <translation>Alterar o nome de %1</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="231"/>
        <source>Temporary password</source>
        <translation>Senha temporária</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="234"/>
        <source>Reset the password of %1</source>
        <translation>Redefinir a senha de %1</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="241"/>
        <source>Unlock %1</source>
        <translation>Desbloquear %1</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="242"/>
        <source>Deactivate %1</source>
        <translation>Desativar %1</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="243"/>
        <source>Reactivate %1</source>
        <translation>Reativar %1</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="259"/>
        <source>The old system&apos;s usuarios.csv</source>
        <translation>O usuarios.csv do sistema antigo</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="260"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Arquivos CSV (*.csv);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="265"/>
        <source>Importing the accounts of %1…</source>
        <translation>Importando as contas de %1…</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="271"/>
        <source>Importing the accounts of %1: %2 of %3…</source>
        <translation>Importando as contas de %1: %2 de %3…</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="280"/>
        <source>Import of %1 finished: %2 created, %3 already existed, %4 not imported.</source>
        <translation>Importação de %1 concluída: criadas: %2; já existiam: %3; não importadas: %4.</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="294"/>
        <source>Your role may not manage users; no account was created.</source>
        <translation>Seu perfil não pode gerenciar usuários; nenhuma conta foi criada.</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="296"/>
        <source>The file could not be imported and no account was created: %1</source>
        <translation>O arquivo não pôde ser importado e nenhuma conta foi criada: %1</translation>
    </message>
    <message>
        <location filename="../admin/users_tab.py" line="299"/>
        <source>The import stopped with an error (%1). Accounts created before it are in the list; their one-time passwords are lost, so reset theirs. See the log for details.</source>
        <translation>A importação parou com um erro (%1). As contas criadas antes dele estão na lista; as senhas de uso único delas se perderam, então redefina-as. Veja o log para detalhes.</translation>
    </message>
</context>
<context>
    <name>UsersTableModel</name>
    <message>
        <location filename="../admin/users_model.py" line="24"/>
        <source>Username</source>
        <translation>Usuário</translation>
    </message>
    <message>
        <location filename="../admin/users_model.py" line="24"/>
        <source>Full name</source>
        <translation>Nome completo</translation>
    </message>
    <message>
        <location filename="../admin/users_model.py" line="24"/>
        <source>Role</source>
        <translation>Perfil</translation>
    </message>
    <message>
        <location filename="../admin/users_model.py" line="25"/>
        <source>Active</source>
        <translation>Ativo</translation>
    </message>
    <message>
        <location filename="../admin/users_model.py" line="25"/>
        <source>Must change password</source>
        <translation>Deve trocar a senha</translation>
    </message>
    <message>
        <location filename="../admin/users_model.py" line="26"/>
        <source>Locked until</source>
        <translation>Bloqueado até</translation>
    </message>
    <message>
        <location filename="../admin/users_model.py" line="26"/>
        <source>Badge</source>
        <translation>Crachá</translation>
    </message>
    <message>
        <location filename="../admin/users_model.py" line="30"/>
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <location filename="../admin/users_model.py" line="30"/>
        <source>no</source>
        <translation>não</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <location filename="../verify_dialog.py" line="54"/>
        <source>Verify audit trail</source>
        <translation>Verificar trilha de auditoria</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="73"/>
        <source>Verifying the audit trail…</source>
        <translation>Verificando a trilha de auditoria…</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="75"/>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="84"/>
        <source>Verifying only reads the data; you can cancel at any time.</source>
        <translation>A verificação só lê os dados; você pode cancelar a qualquer momento.</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="87"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="114"/>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="175"/>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="187"/>
        <source>Station %1</source>
        <translation>Estação %1</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="210"/>
        <source>The other chains are intact: %1 checked in %2.</source>
        <translation>As outras cadeias estão íntegras: %1 verificados em %2.</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="222"/>
        <source>The audit trail has been tampered with</source>
        <translation>A trilha de auditoria foi adulterada</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="226"/>
        <source>Verification cancelled</source>
        <translation>Verificação cancelada</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="228"/>
        <source>The audit trail is intact</source>
        <translation>A trilha de auditoria está íntegra</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="232"/>
        <source>The audit trail could not be verified</source>
        <translation>Não foi possível verificar a trilha de auditoria</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="264"/>
        <source>Checked: %1 in %2, each with its content, its place in its chain and its signature.</source>
        <translation>Verificados: %1 em %2, cada um com seu conteúdo, seu lugar na cadeia e sua assinatura.</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="295"/>
        <source>Station %1: the chain could not be verified.</source>
        <translation>Estação %1: não foi possível verificar a cadeia.</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="292"/>
        <source>Details for the administrator: %1</source>
        <translation>Detalhes para o administrador: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../verify_dialog.py" line="191"/>
        <source>%1 of %n event(s) checked</source>
        <translation>
            <numerusform>Verificados: %1 de %n evento</numerusform>
            <numerusform>Verificados: %1 de %n eventos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../verify_dialog.py" line="195"/>
        <source>%n event(s) checked</source>
        <translation>
            <numerusform>%n evento verificado</numerusform>
            <numerusform>%n eventos verificados</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="205"/>
        <source>Verification was cancelled before every chain was checked; nothing is known about the rest.</source>
        <translation>A verificação foi cancelada antes de todas as cadeias serem verificadas; nada se sabe sobre o restante.</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="223"/>
        <source>What to do: keep this PC as it is and call your administrator; do not restore backups, and do not delete or edit anything.</source>
        <translation>O que fazer: deixe este PC como está e chame o administrador; não restaure backups e não apague nem edite nada.</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="257"/>
        <source>The check stopped with an error: %1</source>
        <translation>A verificação parou com um erro: %1</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="234"/>
        <source>Nothing was changed: verifying only reads the data. Try again; if it fails again, call your administrator (the log file has the details).</source>
        <translation>Nada foi alterado: a verificação só lê os dados. Tente de novo; se falhar outra vez, chame o administrador (o log tem os detalhes).</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="214"/>
        <source>Part of the audit trail could not be verified</source>
        <translation>Parte da trilha de auditoria não pôde ser verificada</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="216"/>
        <source>Nothing was changed: verifying only reads the data, and nothing says these stations were tampered with. Run the check again; if a station still cannot be verified, call your administrator (the log file has the details).</source>
        <translation>Nada foi alterado: a verificação só lê os dados, e nada indica que essas estações foram adulteradas. Execute a verificação de novo; se uma estação ainda não puder ser verificada, chame o administrador (o arquivo de log tem os detalhes).</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="246"/>
        <source>The shared folder %1 cannot be reached (%2): the stations&apos; journals were not read. Run the check again when the folder is back (check the network and the share&apos;s path).</source>
        <translation>A pasta compartilhada %1 não pode ser acessada (%2): os diários das estações não foram lidos. Faça a verificação de novo quando a pasta voltar (verifique a rede e o caminho do compartilhamento).</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="251"/>
        <source>The stations&apos; folder of the shared folder (%1) was refused: it is not a plain folder (a link, or a file), and links are never followed. No station&apos;s journal was read, so the site&apos;s audit trail was not checked. Ask whoever looks after the shared folder to put it right, then run the check again.</source>
        <translation>A pasta das estações na pasta compartilhada (%1) foi recusada: não é uma pasta comum (é um link ou um arquivo), e links nunca são seguidos. Nenhum diário de estação foi lido, então a trilha de auditoria do site não foi verificada. Peça a quem cuida da pasta compartilhada para corrigir isso e faça a verificação de novo.</translation>
    </message>
    <message numerus="yes">
        <location filename="../verify_dialog.py" line="212"/>
        <location filename="../verify_dialog.py" line="266"/>
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n evento</numerusform>
            <numerusform>%n eventos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../verify_dialog.py" line="213"/>
        <location filename="../verify_dialog.py" line="267"/>
        <source>%n chain(s)</source>
        <translation>
            <numerusform>%n cadeia</numerusform>
            <numerusform>%n cadeias</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../verify_dialog.py" line="271"/>
        <source>%n of these events are signed with a key this PC does not have: their content and order were checked, their signatures were not.</source>
        <translation>
            <numerusform>%n destes eventos está assinado com uma chave que este PC não tem: conteúdo e ordem foram verificados, a assinatura não.</numerusform>
            <numerusform>%n destes eventos estão assinados com uma chave que este PC não tem: conteúdo e ordem foram verificados, as assinaturas não.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../verify_dialog.py" line="276"/>
        <source>%n events at the end of the stations&apos; journals are not yet sealed by their station: not counted above, and not shown until they are (a station seals what it writes within seconds).</source>
        <translation>
            <numerusform>%n evento no fim dos diários das estações ainda não foi selado pela sua estação: não contado acima e não mostrado até que seja (uma estação sela o que escreve em segundos).</numerusform>
            <numerusform>%n eventos no fim dos diários das estações ainda não foram selados pela sua estação: não contados acima e não mostrados até que sejam (uma estação sela o que escreve em segundos).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../verify_dialog.py" line="283"/>
        <source>Verification cancelled after %n event(s); nothing is known about the rest.</source>
        <translation>
            <numerusform>Verificação cancelada após %n evento; nada se sabe sobre o restante.</numerusform>
            <numerusform>Verificação cancelada após %n eventos; nada se sabe sobre o restante.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="300"/>
        <source>Station %1, record %2 version %3: %4.</source>
        <translation>Estação %1, registro %2 versão %3: %4.</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="304"/>
        <source>Station %1: %2.</source>
        <translation>Estação %1: %2.</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="306"/>
        <source>Station %1, event %2: %3.</source>
        <translation>Estação %1, evento %2: %3.</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="311"/>
        <source>%1 more stations were tampered with: %2.</source>
        <translation>Mais %1 estações foram adulteradas: %2.</translation>
    </message>
    <message>
        <location filename="../verify_dialog.py" line="314"/>
        <source>The administrator can list every finding with: shopfloor verify-audit</source>
        <translation>O administrador pode listar todas as ocorrências com: shopfloor verify-audit</translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="19"/>
        <source>modified</source>
        <translation>alterado</translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="20"/>
        <source>An event was changed after it was written.</source>
        <translation>Um evento foi alterado depois de gravado.</translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="22"/>
        <source>deleted</source>
        <translation>apagado</translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="23"/>
        <source>An event was removed from the trail.</source>
        <translation>Um evento foi removido da trilha.</translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="25"/>
        <source>inserted</source>
        <translation>inserido</translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="26"/>
        <source>An event that was never recorded here was slipped into the trail.</source>
        <translation>Um evento que nunca foi registrado aqui foi inserido na trilha.</translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="28"/>
        <source>reordered</source>
        <translation>reordenado</translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="29"/>
        <source>Events were moved out of the order they were recorded in.</source>
        <translation>Eventos foram tirados da ordem em que foram registrados.</translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="31"/>
        <source>truncated</source>
        <translation>truncado</translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="32"/>
        <source>The newest events were cut off, or an older copy of the data was put back.</source>
        <translation>Os eventos mais recentes foram cortados, ou uma cópia antiga dos dados foi reposta.</translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="34"/>
        <source>forged</source>
        <translation>forjado</translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="35"/>
        <source>Events or a checkpoint were recomputed without the station&apos;s secret key.</source>
        <translation>Eventos ou um ponto de verificação foram recalculados sem a chave secreta da estação.</translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="37"/>
        <source>forked</source>
        <translation>bifurcado</translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="38"/>
        <source>An older copy of the data was put back and continued: events signed earlier were replaced by others.</source>
        <translation>Uma cópia antiga dos dados foi reposta e continuada: eventos assinados antes foram substituídos por outros.</translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="40"/>
        <source>another chain</source>
        <translation>outra cadeia</translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="41"/>
        <source>The trail does not begin where this station&apos;s trail begins: it was made for another station or installation.</source>
        <translation>A trilha não começa onde começa a trilha desta estação: foi feita para outra estação ou instalação.</translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="43"/>
        <source>record changed</source>
        <translation>registro alterado</translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="44"/>
        <source>A production record stored on this PC differs from what its audit event says.</source>
        <translation>Um registro de produção guardado neste PC difere do que diz o seu evento de auditoria.</translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="46"/>
        <source>record added</source>
        <translation>registro acrescentado</translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="47"/>
        <source>A production record stored on this PC was not written by any audit event.</source>
        <translation>Um registro de produção guardado neste PC não foi gravado por nenhum evento de auditoria.</translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="49"/>
        <source>record removed</source>
        <translation>registro removido</translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="50"/>
        <source>A production record that an audit event wrote is missing from this PC&apos;s database.</source>
        <translation>Falta no banco de dados deste PC um registro de produção que um evento de auditoria gravou.</translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="52"/>
        <source>not a member</source>
        <translation>não é membro</translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="53"/>
        <source>The station&apos;s journal is sealed by a PC that is not a member of this site: its events are not taken.</source>
        <translation>O diário da estação é selado por um PC que não é membro deste site: seus eventos não são aceitos.</translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="56"/>
        <source>could not be stored</source>
        <translation>não pôde ser guardado</translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="57"/>
        <source>This PC&apos;s site view could not store the station&apos;s next events (a fault of the program, written in its log); the station&apos;s later events wait, the other stations go on.</source>
        <translation>A visão do site deste PC não conseguiu guardar os próximos eventos da estação (uma falha do programa, registrada no seu log); os eventos seguintes da estação esperam, as outras estações seguem.</translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="65"/>
        <source>cancelled</source>
        <translation>cancelada</translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="67"/>
        <source>intact</source>
        <translation>íntegra</translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="69"/>
        <source>NOT VERIFIED</source>
        <translation>NÃO VERIFICADA</translation>
    </message>
    <message>
        <location filename="../verify_texts.py" line="70"/>
        <source>TAMPERED</source>
        <translation>ADULTERADA</translation>
    </message>
</context>
<context>
    <name>VerifyResultsModel</name>
    <message>
        <location filename="../admin/audit_model.py" line="192"/>
        <source>Station</source>
        <translation>Estação</translation>
    </message>
    <message>
        <location filename="../admin/audit_model.py" line="192"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../admin/audit_model.py" line="193"/>
        <source>Events checked</source>
        <translation>Eventos verificados</translation>
    </message>
    <message>
        <location filename="../admin/audit_model.py" line="193"/>
        <source>First bad event</source>
        <translation>Primeiro evento adulterado</translation>
    </message>
    <message>
        <location filename="../admin/audit_model.py" line="192"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
</context>
<context>
    <name>ViewStatus</name>
    <message>
        <location filename="../admin/view_status.py" line="41"/>
        <source>fixed range: nothing after %1 is shown</source>
        <translation>intervalo fixo: nada depois de %1 é mostrado</translation>
    </message>
    <message>
        <location filename="../admin/view_status.py" line="48"/>
        <source>This PC is not in a site: its own records only</source>
        <translation>Este PC não está em um site: somente os seus próprios registros</translation>
    </message>
    <message>
        <location filename="../admin/view_status.py" line="52"/>
        <source>Reading the stations&apos; journals: %1 %</source>
        <translation>Lendo os diários das estações: %1 %</translation>
    </message>
    <message>
        <location filename="../admin/view_status.py" line="54"/>
        <source>Showing data up to %1, catching up: %2 %</source>
        <translation>Mostrando dados até %1, atualizando: %2 %</translation>
    </message>
    <message>
        <location filename="../admin/view_status.py" line="58"/>
        <source>The stations&apos; folder of the shared folder (%1) was refused: it is not a plain folder (a link, or a file). Showing what this PC holds (journals last read at %2); ask whoever looks after the shared folder to put it right</source>
        <translation>A pasta das estações na pasta compartilhada (%1) foi recusada: não é uma pasta comum (é um link ou um arquivo). Mostrando o que este PC tem (diários lidos pela última vez às %2); peça a quem cuida da pasta compartilhada para corrigir isso</translation>
    </message>
    <message>
        <location filename="../admin/view_status.py" line="65"/>
        <source>Shared folder unreachable since %1: showing what this PC holds (journals last read at %2)</source>
        <translation>Pasta compartilhada inacessível desde %1: mostrando o que este PC tem (diários lidos pela última vez às %2)</translation>
    </message>
    <message>
        <location filename="../admin/view_status.py" line="71"/>
        <source>Live: every station&apos;s journal read at %1</source>
        <translation>Ao vivo: diários de todas as estações lidos às %1</translation>
    </message>
    <message>
        <location filename="../admin/view_status.py" line="75"/>
        <source>Not following the stations now: showing what this PC holds</source>
        <translation>Sem acompanhar as estações agora: mostrando o que este PC tem</translation>
    </message>
    <message>
        <location filename="../admin/view_status.py" line="79"/>
        <source>journal of station %1 broken at event %2 (%3): nothing after it is shown</source>
        <translation>diário da estação %1 violado no evento %2 (%3): nada depois dele é mostrado</translation>
    </message>
    <message>
        <location filename="../admin/view_status.py" line="84"/>
        <source>(and %1 more)</source>
        <translation>(e mais %1)</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <location filename="../admin/record_dialog.py" line="191"/>
        <source>void</source>
        <translation>anulação</translation>
    </message>
    <message>
        <location filename="../admin/record_dialog.py" line="195"/>
        <source>Void record</source>
        <translation>Anular registro</translation>
    </message>
    <message>
        <location filename="../admin/record_dialog.py" line="196"/>
        <source>Void lot %1, box %2 of station %3 (registered by %4)? The record stays in the history, marked as voided, and no longer counts in totals and statistics.</source>
        <translation>Anular o lote %1, caixa %2 da estação %3 (registrado por %4)? O registro continua no histórico, marcado como anulado, e deixa de contar nos totais e estatísticas.</translation>
    </message>
    <message>
        <location filename="../admin/record_dialog.py" line="209"/>
        <source>Void</source>
        <translation>Anular</translation>
    </message>
</context>
<context>
    <name>_SignedDialog</name>
    <message>
        <location filename="../admin/record_dialog.py" line="68"/>
        <source>Signing as %1 (%2) at %3: this means &quot;%4&quot;.</source>
        <translation>Assinando como %1 (%2) em %3: significa &quot;%4&quot;.</translation>
    </message>
    <message>
        <location filename="../admin/record_dialog.py" line="78"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../admin/record_dialog.py" line="80"/>
        <source>Your password</source>
        <translation>Sua senha</translation>
    </message>
    <message>
        <location filename="../admin/record_dialog.py" line="99"/>
        <source>Your role may not do this; nothing was saved.</source>
        <translation>Seu perfil não pode fazer isto; nada foi salvo.</translation>
    </message>
</context>
</TS>
