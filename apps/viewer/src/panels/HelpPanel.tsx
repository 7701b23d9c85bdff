import { SHORTCUTS } from "../tools/shortcuts";

export function HelpPanel({ onClose }: { onClose: () => void }) {
  return (
    <div className="help card" role="dialog" aria-label="keyboard shortcuts">
      <h3>Keyboard shortcuts</h3>
      <table>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.key}>
              <td>
                <kbd>{s.key}</kbd>
              </td>
              <td>{s.about}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        3D view: drag to rotate, shift-drag or right-drag to pan, wheel to zoom. Slices: wheel to move.
      </p>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
