-- Drives a real headless Neovim (0.7+, Debian's) against the built language server: opens a handler,
-- waits on LSP events (vim.wait with conditions, no fixed sleeps), collects completion, hover,
-- diagnostics and a code action's edit, and writes them as JSON for test/integration/neovim.test.ts.
local env = vim.env
local out = {}
local function finish(ok)
  local f = assert(io.open(env.CT_RESULT, 'w'))
  f:write(vim.fn.json_encode(out))
  f:close()
  vim.cmd(ok and 'qall!' or 'cquit! 1')
end
local function fail(msg)
  out.error = msg
  finish(false)
end

local ok, err = pcall(function()
  local client_id = vim.lsp.start_client({
    name = 'cognito-triggers',
    cmd = { env.CT_NODE, env.CT_CLI, 'lsp', '--stdio' },
    root_dir = env.CT_ROOT,
    settings = { cognitoTriggers = { eventFiles = { 'samples/**/*.json' } } },
    init_options = { trusted = false },
    -- Neovim 0.7 neither announces workspace/configuration nor pushes settings by itself; like
    -- nvim-lspconfig, push them with workspace/didChangeConfiguration once initialized.
    on_init = function(client)
      client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
    end,
  })
  if not client_id then return fail('start_client failed') end
  out.client_id = client_id

  vim.cmd('edit ' .. vim.fn.fnameescape(env.CT_ROOT .. '/src/bound.js'))
  local buf = vim.api.nvim_get_current_buf()
  out.filetype = vim.bo[buf].filetype
  vim.lsp.buf_attach_client(buf, client_id)
  if not vim.wait(20000, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return c ~= nil and c.initialized == true
  end, 20) then return fail('the server did not initialize') end
  local client = vim.lsp.get_client_by_id(client_id)
  out.execute_commands = client.server_capabilities.executeCommandProvider and client.server_capabilities.executeCommandProvider.commands or {}

  -- Diagnostics: published after didOpen.
  if not vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 20) then return fail('no diagnostics were published') end
  out.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(out.diagnostics, { code = d.user_data and d.user_data.lsp and d.user_data.lsp.code or d.code, line = d.lnum, message = d.message })
  end

  local uri = vim.uri_from_bufnr(buf)
  local function request(method, params)
    local results = vim.lsp.buf_request_sync(buf, method, params, 20000)
    local r = results and results[client_id]
    if not r then error(method .. ': no answer') end
    if r.err then error(method .. ': ' .. vim.inspect(r.err)) end
    return r.result
  end

  -- Completion after `event.request.` on line 2 (0-based 1).
  local line = vim.api.nvim_buf_get_lines(buf, 1, 2, false)[1]
  local col = line:find('event.request.', 1, true) + #'event.request.' - 1
  local completion = request('textDocument/completion', { textDocument = { uri = uri }, position = { line = 1, character = col } })
  out.completion = {}
  for _, item in ipairs((completion and (completion.items or completion)) or {}) do table.insert(out.completion, item.label) end
  table.sort(out.completion)

  -- Hover on `userAttributes` (line 3, 0-based 2).
  local hline = vim.api.nvim_buf_get_lines(buf, 2, 3, false)[1]
  local hover = request('textDocument/hover', { textDocument = { uri = uri }, position = { line = 2, character = hline:find('userAttributes', 1, true) + 1 } })
  out.hover = hover and hover.contents and (hover.contents.value or hover.contents) or vim.NIL

  -- Code action for the first diagnostic, applied to the buffer as Neovim applies it.
  local d = vim.diagnostic.get(buf)[1]
  local lsp_diags = vim.lsp.diagnostic.get_line_diagnostics(buf, d.lnum)
  local actions = request('textDocument/codeAction', {
    textDocument = { uri = uri },
    range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
    context = { diagnostics = lsp_diags },
  })
  out.actions = {}
  for _, a in ipairs(actions or {}) do table.insert(out.actions, a.title) end
  if actions and actions[1] and actions[1].edit then
    vim.lsp.util.apply_workspace_edit(actions[1].edit, client.offset_encoding or 'utf-16')
    out.after_fix = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
    -- The fix removes the finding: the server publishes again for the new version.
    if not vim.wait(20000, function()
      for _, x in ipairs(vim.diagnostic.get(buf)) do if x.lnum == d.lnum then return false end end
      return true
    end, 20) then return fail('the diagnostic stayed after the fix') end
    out.diagnostics_after_fix = #vim.diagnostic.get(buf)
  end

  -- Code lens → workspace/executeCommand: untrusted, so the server explains how to enable invoke.
  local messages = {}
  vim.lsp.handlers['window/showMessage'] = function(_, result) table.insert(messages, result.message) end
  local lenses = request('textDocument/codeLens', { textDocument = { uri = uri } })
  out.lens = lenses and lenses[1] and lenses[1].command and lenses[1].command.title or vim.NIL
  if lenses and lenses[1] then
    request('workspace/executeCommand', { command = lenses[1].command.command, arguments = lenses[1].command.arguments })
    vim.wait(20000, function() return #messages > 0 end, 20)
  end
  out.messages = messages

  -- The pushed eventFiles setting claims samples/blank.json as an event.
  -- hide: the handler buffer has the unsaved fix.
  vim.cmd('hide edit ' .. vim.fn.fnameescape(env.CT_ROOT .. '/samples/blank.json'))
  out.json_filetype = vim.bo.filetype
  local jbuf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(jbuf, client_id)
  out.json_text = vim.api.nvim_buf_get_lines(jbuf, 0, -1, false)
  out.json_attached = vim.lsp.buf_is_attached(jbuf, client_id)
  local jr = vim.lsp.buf_request_sync(jbuf, 'textDocument/completion', { textDocument = { uri = vim.uri_from_bufnr(jbuf) }, position = { line = 1, character = 3 } }, 20000)
  out.json_completion = {}
  local jres = jr and jr[client_id] and jr[client_id].result
  out.json_raw = jr and jr[client_id] and (jr[client_id].err or jr[client_id].result) or vim.NIL
  for _, item in ipairs((jres and (jres.items or jres)) or {}) do table.insert(out.json_completion, item.label) end
  table.sort(out.json_completion)
end)
if not ok then return fail(tostring(err)) end
finish(true)
